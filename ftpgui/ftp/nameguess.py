"""Which legacy code page a server's names are in, guessed from the bytes of names that are not UTF-8.

Used to say, in words, which encoding setting would read a server's names (the window's hint, ``ftpgui-cli
ls``); never to change what a session sends. A heuristic: the same bytes are valid in several code pages
(Korean EUC-KR is valid GBK; much GBK is valid Big5), so each candidate reads each name and scores how much
its text looks like a name in that script — its frequent characters, kana, Hangul, Western letters.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

# What a name in each code page may hold beyond ASCII: its script, CJK punctuation and full-width forms.
_CJK_COMMON = "\u3000-\u303f\uff01-\uff60\uffe0-\uffe6"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u30ff"
_HALFWIDTH_KANA = "\uff61-\uff9f"
_HANGUL = "\uac00-\ud7a3"
_JAMO = "\u3130-\u318f"
_OUTSIDE = {
    "gbk": re.compile(f"[^\x00-\x7f{_HAN}{_CJK_COMMON}]"),
    "big5": re.compile(f"[^\x00-\x7f{_HAN}{_CJK_COMMON}]"),
    "shift_jis": re.compile(f"[^\x00-\x7f{_HAN}{_KANA}{_HALFWIDTH_KANA}{_CJK_COMMON}]"),
    "euc_kr": re.compile(f"[^\x00-\x7f{_HANGUL}{_JAMO}{_HAN}{_CJK_COMMON}]"),
}
_HAN_CHAR = re.compile(f"[{_HAN}]")
_KANA_CHAR = re.compile(f"[{_KANA}]")
_HANGUL_CHAR = re.compile(f"[{_HANGUL}]")
_JAPANESE_CHAR = re.compile(f"[{_HAN}{_KANA}{_HALFWIDTH_KANA}]")
_WESTERN = "°«»¡¿·–—‘’“”„€…"  # beside the letters of any alphabet
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]{3}")  # three letters outside ASCII in a row: no Western name
# The Han characters frequent in Chinese text and in file names, simplified and traditional (Big5 read as GBK,
# GBK read as Big5, and Korean read as either give other characters: rare ones, mostly)
_FREQUENT = frozenset(
    "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而"
    "能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高"
    "意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政"
    "海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活"
    "难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它"
    "许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权"
    "往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄"
    "德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读"
    "志飞观争究包组造落视济喜离虽坏兴切具图照夹备份载频乐档项票测试客户销售财库存录购订价格单号码账册课程考班级照片"
    "們為個國來說時會對過學後麼當經頭現動兩長點種開還發從進實聲與體別處總場書員華報難數問機給幾間業氣關產軍門東網將見"
    "話裡這讓認論應雖壞興單據導專組視濟離題號電腦錄檔資夾備載頻樂項測試戶銷財務庫購訂價帳冊課考級設計劃區員"
)

# The same for Hangul syllables (GBK and Big5 read as EUC-KR give Hangul too, rarely these)
_FREQUENT_HANGUL = frozenset(
    "이다는의에가을를고하지한기로서도있어것수사리자시대정인일나게해그면아요만들라내보부무소주전상거성국여신원제과동비경"
    "방우공생장연계화미세회중문학관구발작업체물행실영드심위용당년저러으니까말했던때및더또은와께며려록무엇떻왜누언디네못잘"
    "좀많적같른새든각울진료파폴더결과데터백음악상첩프램설치답안강의시험교육개발팀님씨선직원객품판매출재통예산견약청송목"
    "록명단양식작최종임복본탕화면운로드함월번호초중고등학교졸업여행가족친구사랑생일축하"
)


def _frequent_share(text: str, found: re.Pattern[str], frequent: frozenset) -> float:
    letters = found.findall(text)
    return sum(ch in frequent for ch in letters) / len(letters) if letters else 0.0


def score(raw: bytes, codec: str) -> float:
    """How well ``codec`` reads ``raw`` as a name: 0 not at all (invalid bytes, or characters no name in its
    script holds), 1 as text of its script, up to 2 as likely text: the share of its characters that are frequent
    (Chinese characters; kana and kanji; Hangul without Hanja); Western letters (in runs of two at most) are 2."""
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return 0.0
    if codec in ("iso8859-1", "cp1252"):
        if _NON_ASCII_RUN.search(text) or any(not (ch.isalpha() or ch in _WESTERN) for ch in text if not ch.isascii()):
            return 0.0  # (a CJK name read as Latin-1 is a run of accented letters and signs)
        return 2.0
    if _OUTSIDE[codec].search(text):
        return 0.0
    if codec == "euc_kr":  # Hangul without Hanja (Korean names seldom hold Hanja)
        return 1.0 if _HAN_CHAR.search(text) else 1.0 + _frequent_share(text, _HANGUL_CHAR, _FREQUENT_HANGUL)
    if codec == "shift_jis":  # full-width kana count as likely (other code pages read as Shift_JIS give
        letters = _JAPANESE_CHAR.findall(text)  # half-width kana and rare kanji)
        if not letters:  # full-width forms or CJK punctuation alone ("ＡＢＣ.txt"): readable, nothing more
            return 1.0
        return 1.0 + sum(ch in _FREQUENT or _KANA_CHAR.match(ch) is not None for ch in letters) / len(letters)
    return 1.0 + _frequent_share(text, _HAN_CHAR, _FREQUENT)


GUESSES = ("gbk", "big5", "shift_jis", "euc_kr", "iso8859-1", "cp1252")  # Python's names; the order settles ties


def guess_codec(raws: Sequence[bytes], prefer: Sequence[str] = ()) -> Optional[str]:
    """The legacy code page that reads these names (their bytes as the server listed them) as likely text, or
    None. The highest total :func:`score` wins; ties go to ``prefer`` (the code pages of the person's region),
    then to ``GUESSES``' order."""
    order = [c for c in prefer if c in GUESSES] + [c for c in GUESSES if c not in prefer]
    scores = {c: sum(score(raw, c) for raw in raws) for c in order}
    best = max(order, key=scores.__getitem__)  # (the first of the highest, in order)
    return best if scores[best] > 0 else None
