<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>see the package</source>
        <translation>见软件包</translation>
    </message>
    <message>
        <source>About ftpgui</source>
        <translation>关于 ftpgui</translation>
    </message>
    <message>
        <source>A desktop FTP client that shows how active and passive mode set up each connection.
Free software under the GNU General Public License, version 3 or later.</source>
        <translation>一个桌面 FTP 客户端，演示主动模式和被动模式如何建立每条连接。
自由软件，依据 GNU 通用公共许可证第 3 版或（由您选择）任何更新版本发布。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Qt and PySide6 are used under the GNU Lesser General Public License v3: they are separate libraries in the installed folder, and you may replace them with versions of your own.</source>
        <translation>Qt 和 PySide6 依据 GNU 宽通用公共许可证第 3 版使用：它们是安装目录中的独立库，您可以用自己的版本替换它们。</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Unknown certificate</source>
        <translation>未知证书</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>证书已更改</translation>
    </message>
    <message>
        <source>The certificate of {where} has CHANGED: it is not the one you trusted before. This can be an attack. Trust the new one only if you know why it changed (a renewal the server&apos;s administrator confirms).</source>
        <translation>{where} 的证书已更改：它不是您之前信任的那一个。这可能是攻击。只有在您知道它为何更改（服务器管理员确认的续期）时，才信任新证书。</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>之前信任的：</translation>
    </message>
    <message>
        <source>{host} port {port}</source>
        <translation>{host} 端口 {port}</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The certificate of {where} could not be verified. Check its fingerprint with the server&apos;s administrator before you trust it.</source>
        <translation>无法验证 {where} 的证书。信任它之前，请向服务器管理员核对证书指纹。</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>颁发者：</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <source>Trust once</source>
        <translation>仅本次信任</translation>
    </message>
    <message>
        <source>Always trust</source>
        <translation>总是信任</translation>
    </message>
    <message>
        <source>“Always trust” replaces the certificate trusted before: the old one will no longer be accepted for {where}.</source>
        <translation>“总是信任”会替换之前信任的证书：{where} 的旧证书将不再被接受。</translation>
    </message>
    <message>
        <source>“Trust once”: the new one is trusted until ftpgui closes, and not saved.</source>
        <translation>“仅本次信任”：新证书在 ftpgui 关闭前受信任，不保存。</translation>
    </message>
    <message>
        <source>“Trust once”: trusted until ftpgui closes, not saved. “Always trust”: saved, not asked again.</source>
        <translation>“仅本次信任”：在 ftpgui 关闭前信任，不保存。“总是信任”：保存，不再询问。</translation>
    </message>
</context>
<context>
    <name>ExistsDialog</name>
    <message>
        <source>Server: {server}</source>
        <translation>服务器：{server}</translation>
    </message>
    <message>
        <source>{site} ({address})</source>
        <translation>{site}（{address}）</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>{size} ({n} bytes)</source>
        <translation>{size}（{n} 字节）</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Overwrite if the source is newer</source>
        <translation>如果源文件较新则覆盖</translation>
    </message>
    <message>
        <source>Resume (continue the smaller file)</source>
        <translation>续传（接着较小的文件继续）</translation>
    </message>
    <message>
        <source>Rename (keep both)</source>
        <translation>重命名（两者都保留）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>The target exists</source>
        <translation>目标文件已存在</translation>
    </message>
    <message>
        <source>Another file in the target folder has the same name apart from case:
{target}</source>
        <translation>目标文件夹中另有一个文件与之同名（仅大小写不同）：
{target}</translation>
    </message>
    <message>
        <source>The target already exists:
{target}</source>
        <translation>目标文件已存在：
{target}</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Source ({side}): {path}</source>
        <translation>源文件（{side}）：{path}</translation>
    </message>
    <message>
        <source>{size}, {when}</source>
        <translation>{size}，{when}</translation>
    </message>
    <message>
        <source>Target ({side}):</source>
        <translation>目标文件（{side}）：</translation>
    </message>
    <message>
        <source>Apply to the other files queued with this one that exist</source>
        <translation>应用于与此文件一同加入队列的其他已存在文件</translation>
    </message>
    <message>
        <source>Resume cannot continue this file: the target is larger than the source. Choose what to do with it.</source>
        <translation>续传无法接着此文件继续：目标文件比源文件大。请选择如何处理它。</translation>
    </message>
    <message>
        <source>a link to {path}; ftpgui does not write through links: Resume cannot continue it, Overwrite replaces the link</source>
        <translation>指向 {path} 的链接；ftpgui 不会通过链接写入：续传无法接着它继续，覆盖会替换该链接</translation>
    </message>
    <message>
        <source>a link to {path}, which does not exist: there is nothing to continue; Overwrite replaces the link</source>
        <translation>指向 {path} 的链接，而该文件不存在：没有可以接着继续的内容；覆盖会替换该链接</translation>
    </message>
    <message>
        <source>The target is a link; ftpgui does not write through links, so Resume cannot continue it.</source>
        <translation>目标是一个链接；ftpgui 不会通过链接写入，因此续传无法接着它继续。</translation>
    </message>
    <message>
        <source>Resume cannot continue this file: the target is a link, and ftpgui does not write through links. Choose what to do with it.</source>
        <translation>续传无法接着此文件继续：目标是一个链接，而 ftpgui 不会通过链接写入。请选择如何处理它。</translation>
    </message>
    <message>
        <source>Resume cannot continue this file: the size of the source or of the target is not known, so nothing says that the target is the start of the source. Choose what to do with it.</source>
        <translation>续传无法接着此文件继续：源文件或目标文件的大小未知，无从确定目标文件是源文件的开头部分。请选择如何处理它。</translation>
    </message>
</context>
<context>
    <name>LocalFileActions</name>
    <message>
        <source>{name} already exists</source>
        <translation>{name} 已存在</translation>
    </message>
    <message>
        <source>could not move {path} to the trash</source>
        <translation>无法将 {path} 移到回收站</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>{name!r} is not a valid name.</source>
        <translation>{name!r} 不是有效的名称。</translation>
    </message>
    <message>
        <source>Move “{name}” to the trash?</source>
        <translation>要将“{name}”移到回收站吗？</translation>
    </message>
    <message>
        <source>Move these {n} items to the trash?</source>
        <translation>要将这 {n} 项移到回收站吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>移到回收站(&amp;M)</translation>
    </message>
    <message>
        <source>Create folder</source>
        <translation>创建目录</translation>
    </message>
    <message>
        <source>Name of the new folder in {folder}:</source>
        <translation>在 {folder} 中新建目录的名称：</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新目录</translation>
    </message>
</context>
<context>
    <name>FileTypes</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{ext} file</source>
        <translation>{ext} 文件</translation>
    </message>
</context>
<context>
    <name>FoldersFirstProxy</name>
    <message>
        <source>Partial download</source>
        <translation>未完成的下载</translation>
    </message>
</context>
<context>
    <name>LocalPane</name>
    <message>
        <source>Local folder</source>
        <translation>本地文件夹</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
        <source>There is no folder {path}.</source>
        <translation>文件夹 {path} 不存在。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Logging in to {server}…</source>
        <translation>正在登录 {server}…</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>No application is set up to open {path}.</source>
        <translation>没有设置用于打开 {path} 的应用程序。</translation>
    </message>
    <message>
        <source>The site manager is not available in this build.</source>
        <translation>此版本中站点管理器不可用。</translation>
    </message>
    <message>
        <source>Encrypted: {v}, {c}</source>
        <translation>已加密：{v}，{c}</translation>
    </message>
    <message>
        <source>Encrypted ({version})</source>
        <translation>已加密（{version}）</translation>
    </message>
    <message>
        <source>Could not create the log folder {0}: {1}</source>
        <translation>无法创建日志文件夹 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>LineView</name>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lear All</source>
        <translation>全部清除(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MessageLog</name>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>响应：</translation>
    </message>
    <message>
        <source>Response (not asked for, ignored):</source>
        <translation>响应（未经请求，已忽略）：</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Connected to {remote} (from {local})</source>
        <translation>已连接到 {remote}（本机 {local}）</translation>
    </message>
    <message>
        <source>Connection closed ({reason})</source>
        <translation>连接已关闭（{reason}）</translation>
    </message>
    <message>
        <source>TLS on the {channel} connection: {version}, {cipher}</source>
        <translation>{channel}连接上的 TLS：{version}，{cipher}</translation>
    </message>
    <message>
        <source>Passive mode: data connection to {target}</source>
        <translation>被动模式：数据连接到 {target}</translation>
    </message>
    <message>
        <source>Passive mode: the server&apos;s reply named {advertised}, which is not the address the server is reached at; data connection to {target} instead (a 227&apos;s other host is never dialled).</source>
        <translation>被动模式：服务器的响应中给出的是 {advertised}，而不是访问服务器所用的地址；改为数据连接到 {target}（227 响应给出的其他主机从不连接）。</translation>
    </message>
    <message>
        <source>control</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>passive</source>
        <translation>被动</translation>
    </message>
    <message>
        <source>active</source>
        <translation>主动</translation>
    </message>
    <message>
        <source>Active mode: waiting for the server on {target}</source>
        <translation>主动模式：在 {target} 上等待服务器连接</translation>
    </message>
    <message>
        <source>Data connection {local} ↔ {remote}</source>
        <translation>数据连接 {local} ↔ {remote}</translation>
    </message>
    <message>
        <source>Switched from {a} to {b} mode for this session.</source>
        <translation>本次会话已从{a}模式切换为{b}模式。</translation>
    </message>
    <message>
        <source>Connected to {remote} through the proxy {proxy} (from {local})</source>
        <translation>已通过代理 {proxy} 连接到 {remote}（从 {local}）</translation>
    </message>
    <message>
        <source>Connecting to {remote}…</source>
        <translation>正在连接 {remote}…</translation>
    </message>
    <message>
        <source>Connection attempt to {remote} failed: {reason}</source>
        <translation>连接 {remote} 的尝试失败：{reason}</translation>
    </message>
    <message>
        <source>no answer within the timeout</source>
        <translation>在超时时间内没有响应</translation>
    </message>
    <message>
        <source>Could not check that {remote} on the server is the start of {path}: the server would not send it back ({reply}). Resumed from byte {offset} without the check.</source>
        <translation>无法检查服务器上的 {remote} 是否为 {path} 的开头部分：服务器不肯将其发回（{reply}）。已从第 {offset} 字节续传，未经检查。</translation>
    </message>
</context>
<context>
    <name>ModePanel</name>
    <message>
        <source>Passive</source>
        <translation>被动</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>主动</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>{verb} → {reply} (refused)</source>
        <translation>{verb} → {reply}（被拒绝）</translation>
    </message>
    <message>
        <source>PORT {arg} → {host}, port {p1}×256+{p2} = {port}</source>
        <translation>PORT {arg} → {host}，端口 {p1}×256+{p2} = {port}</translation>
    </message>
    <message>
        <source>EPRT {arg} → {family}, {host}, port {port}</source>
        <translation>EPRT {arg} → {family}，{host}，端口 {port}</translation>
    </message>
    <message>
        <source>227 ({arg}) → {host}, port {p1}×256+{p2} = {port}</source>
        <translation>227 ({arg}) → {host}，端口 {p1}×256+{p2} = {port}</translation>
    </message>
    <message>
        <source>227 ({arg}) → {host} (not used), port {p1}×256+{p2} = {port}</source>
        <translation>227 ({arg}) → {host}（未使用），端口 {p1}×256+{p2} = {port}</translation>
    </message>
    <message>
        <source>229 {arg} → port {port} on the address the control connection goes to</source>
        <translation>229 {arg} → 控制连接所连地址上的端口 {port}</translation>
    </message>
    <message>
        <source>dialled {target} instead: the address the control connection goes to</source>
        <translation>改为连接 {target}：控制连接所连的地址</translation>
    </message>
    <message>
        <source>advertised {advertised}, listening on {target}</source>
        <translation>通告的是 {advertised}，实际监听 {target}</translation>
    </message>
    <message>
        <source>The control connection closed ({reason}).</source>
        <translation>控制连接已关闭（{reason}）。</translation>
    </message>
    <message>
        <source>Auto mode: passive mode failed ({cause}), so the client switches to active mode for this session and tries again. The transfer command had not been sent yet, so nothing is lost.</source>
        <translation>自动模式：被动模式失败（{cause}），客户端在本会话中改用主动模式并重试。传输命令尚未发出，所以没有任何损失。</translation>
    </message>
    <message>
        <source>The data connection before it (#{first}) went through.</source>
        <translation>它之前的数据连接（#{first}）顺利完成。</translation>
    </message>
    <message>
        <source>The {count} data connections before it (#{first}–#{last}) went through.</source>
        <translation>它之前的 {count} 个数据连接（#{first}–#{last}）都顺利完成。</translation>
    </message>
    <message>
        <source>The server answered {command} with “{reply}”: {bytes} bytes in {seconds} s, and the data connection is closed. The next transfer opens a new data connection on a new port.</source>
        <translation>服务器对 {command} 的回答是“{reply}”：{seconds} 秒内传输 {bytes} 字节，数据连接已关闭。下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>{bytes} bytes in {seconds} s; the data connection is closed. The next transfer opens a new data connection on a new port.</source>
        <translation>{seconds} 秒内传输 {bytes} 字节；数据连接已关闭。下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>The server refused {verb} ({code}), so the client tries {next}.</source>
        <translation>服务器拒绝了 {verb}（{code}），客户端改用 {next}。</translation>
    </message>
    <message>
        <source>Passive mode: the client sends PASV on the control connection, asking the server to listen on a new port and name it. The server&apos;s port 20 plays no part in passive mode.</source>
        <translation>被动模式：客户端在控制连接上发送 PASV，请服务器在一个新端口上监听并告知端口号。被动模式中服务器的 20 端口不起任何作用。</translation>
    </message>
    <message>
        <source>Passive mode: the client sends EPSV on the control connection, asking the server to listen on a new port and name it. The server&apos;s port 20 plays no part in passive mode.</source>
        <translation>被动模式：客户端在控制连接上发送 EPSV，请服务器在一个新端口上监听并告知端口号。被动模式中服务器的 20 端口不起任何作用。</translation>
    </message>
    <message>
        <source>Active mode: the client opens a port of its own and sends {command} to name it.</source>
        <translation>主动模式：客户端打开自己的一个端口，并发送 {command} 告知该端口。</translation>
    </message>
    <message>
        <source>Active mode: the client listens on port {port} and sends {command}, asking the server to connect to {host} port {port} for the next transfer.</source>
        <translation>主动模式：客户端在端口 {port} 上监听，并发送 {command}，请服务器为下一次传输连接 {host} 的端口 {port}。</translation>
    </message>
    <message>
        <source>The server refused {command}: {reply}</source>
        <translation>服务器拒绝了 {command}：{reply}</translation>
    </message>
    <message>
        <source>The server accepted {command} ({code}): it connected to the client&apos;s port as soon as it got {command}, before the transfer command — some servers do, others wait for the transfer command.</source>
        <translation>服务器接受了 {command}（{code}）：它一收到 {command} 就连接了客户端的端口，早于传输命令——有些服务器这样做，另一些则等到传输命令之后。</translation>
    </message>
    <message>
        <source>The server accepted {command} ({code}) without connecting yet: it connected to the client&apos;s port only after the transfer command, as many servers do (others connect as soon as they get {command}).</source>
        <translation>服务器接受了 {command}（{code}），但当时尚未连接：它在传输命令之后才连接客户端的端口，许多服务器都是如此（另一些一收到 {command} 就连接）。</translation>
    </message>
    <message>
        <source>The server accepted {command} ({code}) and has not connected yet: many servers connect to the client&apos;s port only once they have the transfer command.</source>
        <translation>服务器接受了 {command}（{code}），尚未连接：许多服务器要等收到传输命令后才连接客户端的端口。</translation>
    </message>
    <message>
        <source>The server answered {code}.</source>
        <translation>服务器响应 {code}。</translation>
    </message>
    <message>
        <source>The server listens on a new port and names it in its 227 reply: the last two numbers are {p1}×256+{p2} = {port}.</source>
        <translation>服务器在一个新端口上监听，并在 227 响应中告知：最后两个数表示 {p1}×256+{p2} = {port}。</translation>
    </message>
    <message>
        <source>The server listens on port {port} and names only the port in its 229 reply: the address is the one the control connection already goes to (RFC 2428).</source>
        <translation>服务器在端口 {port} 上监听，229 响应只给出端口号：地址就是控制连接已经连着的那个地址（RFC 2428）。</translation>
    </message>
    <message>
        <source>The client sends {command} on the control connection. The directory listing itself travels over the data connection, like a file.</source>
        <translation>客户端在控制连接上发送 {command}。目录列表本身和文件一样，经由数据连接传输。</translation>
    </message>
    <message>
        <source>The client sends {command} on the control connection; the file&apos;s bytes will go over the data connection.</source>
        <translation>客户端在控制连接上发送 {command}；文件内容将经由数据连接发出。</translation>
    </message>
    <message>
        <source>The client sends {command} on the control connection; the file&apos;s bytes will come over the data connection.</source>
        <translation>客户端在控制连接上发送 {command}；文件内容将经由数据连接传来。</translation>
    </message>
    <message>
        <source>The client sent {command} on the control connection; the file&apos;s bytes are going over the data connection now. The server&apos;s reply on the control connection (226) will end the transfer.</source>
        <translation>客户端已在控制连接上发送 {command}；文件内容现在正经由数据连接发出。服务器在控制连接上的响应（226）将结束这次传输。</translation>
    </message>
    <message>
        <source>The client sent {command} on the control connection; the file&apos;s bytes are coming over the data connection now. The server&apos;s reply on the control connection (226) will end the transfer.</source>
        <translation>客户端已在控制连接上发送 {command}；文件内容现在正经由数据连接传来。服务器在控制连接上的响应（226）将结束这次传输。</translation>
    </message>
    <message>
        <source>Auto mode: passive mode already failed on another connection to this server in this run, so this connection uses active mode from its first transfer and does not try passive mode again.</source>
        <translation>自动模式：本次运行中，被动模式已在连到此服务器的另一条连接上失败，所以这条连接从第一次传输起就使用主动模式，不再尝试被动模式。</translation>
    </message>
    <message>
        <source>passive mode failed on another connection to this server</source>
        <translation>被动模式在连到此服务器的另一条连接上失败了</translation>
    </message>
    <message>
        <source>The client dials the server: from its port {client_port} to the server&apos;s port {server_port}. The data connection is up.</source>
        <translation>客户端向服务器发起连接：从它的端口 {client_port} 连到服务器的端口 {server_port}。数据连接已建立。</translation>
    </message>
    <message>
        <source>The server dials the client: from its port {server_port} to the client&apos;s port {client_port}. The data connection is up.</source>
        <translation>服务器向客户端发起连接：从它的端口 {server_port} 连到客户端的端口 {client_port}。数据连接已建立。</translation>
    </message>
    <message>
        <source>It dialled from port 20 (ftp-data), as RFC 959 describes.</source>
        <translation>它从 20 端口（ftp-data）发起连接，正如 RFC 959 所述。</translation>
    </message>
    <message>
        <source>Its source port is {port}, not 20: many servers dial from any port.</source>
        <translation>它的源端口是 {port}，不是 20：很多服务器会从任意端口发起连接。</translation>
    </message>
    <message>
        <source>The data connection failed at the “{stage}” stage.</source>
        <translation>数据连接在“{stage}”阶段失败。</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>建立连接</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>接受连接</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 加密</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>likely a firewall at the server</source>
        <translation>很可能是服务器端的防火墙</translation>
    </message>
    <message>
        <source>likely a firewall at the client</source>
        <translation>很可能是客户端的防火墙</translation>
    </message>
    <message>
        <source>the client is behind NAT</source>
        <translation>客户端位于 NAT 之后</translation>
    </message>
    <message>
        <source>the server refused</source>
        <translation>服务器拒绝</translation>
    </message>
    <message>
        <source>the server advertised another address</source>
        <translation>服务器通告了另一个地址</translation>
    </message>
    <message>
        <source>TLS failed</source>
        <translation>TLS 失败</translation>
    </message>
    <message>
        <source>another reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Auto mode: {from_mode} → {to_mode}</source>
        <translation>自动模式：{from_mode} → {to_mode}</translation>
    </message>
    <message>
        <source>advertised</source>
        <translation>通告的地址</translation>
    </message>
    <message>
        <source>not dialled</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>client firewall</source>
        <translation>客户端防火墙</translation>
    </message>
    <message>
        <source>server firewall</source>
        <translation>服务器防火墙</translation>
    </message>
    <message>
        <source>What if this computer had a firewall: it lets the computer&apos;s own outgoing connections through, so the control connection and passive mode work, but it stops the server&apos;s incoming connection to port {port}. Active mode fails (the server answers 425, or the wait times out). Use passive mode, or open the port; an FTP helper in the firewall can open it by itself, unless the control connection is encrypted (FTPS).</source>
        <translation>假如本机有防火墙：它放行本机自己发起的连接，所以控制连接和被动模式都能用，但会拦住服务器连入端口 {port} 的连接。主动模式失败（服务器响应 425，或等待超时）。请改用被动模式，或放行该端口；防火墙的 FTP 辅助模块可以自动放行，除非控制连接已加密（FTPS）。</translation>
    </message>
    <message>
        <source>What if the server&apos;s firewall admitted only its control port {control_port}: the client&apos;s connection to the server&apos;s data port {port} is stopped, and passive mode fails (the connection times out). The usual fix is on the server: open a passive port range in its firewall and in the FTP server&apos;s settings. Meanwhile active mode works, unless this computer has a firewall or is behind NAT.</source>
        <translation>假如服务器的防火墙只放行它的控制端口 {control_port}：客户端连往服务器数据端口 {port} 的连接会被拦住，被动模式失败（连接超时）。通常的解决办法在服务器上：在防火墙和 FTP 服务器设置中开放一个被动端口范围。在此期间主动模式可用，除非本机有防火墙或位于 NAT 之后。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In passive mode the client dials the server&apos;s port {port}, and the server&apos;s firewall admits its passive port range.</source>
        <translation>假如：这条数据连接仍然可用。被动模式中客户端连接服务器的端口 {port}，而服务器的防火墙放行其被动端口范围。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In passive mode the client dials out to the server&apos;s port {port}; a firewall on the client&apos;s side lets outgoing connections and their replies through.</source>
        <translation>假如：这条数据连接仍然可用。被动模式中客户端向外连接服务器的端口 {port}；客户端一侧的防火墙会放行向外的连接及其返回的数据包。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In active mode the server dials out to the client; a firewall at the server lets the server&apos;s own outgoing connections through.</source>
        <translation>假如：这条数据连接仍然可用。主动模式中由服务器向外连接客户端；服务器端的防火墙会放行服务器自己发起的连接。</translation>
    </message>
    <message>
        <source>With both firewalls neither mode works until the server opens its passive port range.</source>
        <translation>两边都有防火墙时，在服务器开放被动端口范围之前，两种模式都不能用。</translation>
    </message>
    <message>
        <source>no firewall</source>
        <translation>没有防火墙</translation>
    </message>
    <message>
        <source>server firewall, only its control port open</source>
        <translation>服务器防火墙，只开放控制端口</translation>
    </message>
    <message>
        <source>server firewall, passive range open</source>
        <translation>服务器防火墙，开放了被动端口范围</translation>
    </message>
    <message>
        <source>both, only the control port open</source>
        <translation>两边都有，服务器只开放控制端口</translation>
    </message>
    <message>
        <source>both, passive range open</source>
        <translation>两边都有，服务器开放了被动端口范围</translation>
    </message>
    <message>
        <source>works</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>被拦截</translation>
    </message>
    <message>
        <source>{bytes} bytes</source>
        <translation>{bytes} 字节</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>control connection</source>
        <translation>控制连接</translation>
    </message>
    <message>
        <source>data connection</source>
        <translation>数据连接</translation>
    </message>
    <message>
        <source>listens</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>dials</source>
        <translation>发起连接</translation>
    </message>
    <message>
        <source>Waiting for a connection&apos;s events…</source>
        <translation>正在等待连接的事件……</translation>
    </message>
    <message>
        <source>No data connection yet.</source>
        <translation>还没有数据连接。</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Step {index} of {count}</source>
        <translation>第 {index} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>data connection #{number}</source>
        <translation>数据连接 #{number}</translation>
    </message>
    <message>
        <source>Connection picture</source>
        <translation>连接示意图</translation>
    </message>
    <message>
        <source>Active and passive mode panel</source>
        <translation>主动与被动模式面板</translation>
    </message>
    <message>
        <source>Data connection mode</source>
        <translation>数据连接模式</translation>
    </message>
    <message>
        <source>Passive: the client dials the server&apos;s data port. Active: the server dials the client&apos;s. Auto: passive first, active if passive fails.</source>
        <translation>被动：客户端连接服务器的数据端口。主动：服务器连接客户端的数据端口。自动：先用被动，失败时改用主动。</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Connection to show</source>
        <translation>要显示的连接</translation>
    </message>
    <message>
        <source>No connection yet</source>
        <translation>尚无连接</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>连接(&amp;C)：</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the live connection</source>
        <translation>跟随实时连接</translation>
    </message>
    <message>
        <source>Follow the newest steps as they happen</source>
        <translation>随时显示最新发生的步骤</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Animation speed</source>
        <translation>动画速度</translation>
    </message>
    <message>
        <source>Export the exchange</source>
        <translation>导出本次交互</translation>
    </message>
    <message>
        <source>Picture as PNG…</source>
        <translation>导出为 PNG 图片……</translation>
    </message>
    <message>
        <source>Picture as SVG…</source>
        <translation>导出为 SVG 图形……</translation>
    </message>
    <message>
        <source>Transcript as text…</source>
        <translation>导出为文本记录……</translation>
    </message>
    <message>
        <source>What if:</source>
        <translation>假如：</translation>
    </message>
    <message>
        <source>Client firewall</source>
        <translation>客户端防火墙</translation>
    </message>
    <message>
        <source>Imagine a firewall on this computer&apos;s side (no traffic is sent)</source>
        <translation>设想本机一侧有防火墙（不发送任何数据）</translation>
    </message>
    <message>
        <source>Server firewall</source>
        <translation>服务器防火墙</translation>
    </message>
    <message>
        <source>Imagine a firewall at the server that admits only its control port (no traffic is sent)</source>
        <translation>设想服务器端的防火墙只放行它的控制端口（不发送任何数据）</translation>
    </message>
    <message>
        <source>Passive range open</source>
        <translation>开放被动端口范围</translation>
    </message>
    <message>
        <source>Imagine the server&apos;s firewall admits its passive port range</source>
        <translation>设想服务器的防火墙放行其被动端口范围</translation>
    </message>
    <message>
        <source>Which mode survives which firewall</source>
        <translation>哪种模式能穿过哪种防火墙</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 图形 (*.svg)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <source>Stop the practice server</source>
        <translation>停止练习服务器</translation>
    </message>
    <message>
        <source>Start a local practice server</source>
        <translation>启动本机练习服务器</translation>
    </message>
    <message>
        <source>127.0.0.1 port {port}, user {user}</source>
        <translation>127.0.0.1 端口 {port}，用户 {user}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动……</translation>
    </message>
    <message>
        <source>Start or stop a local practice server</source>
        <translation>启动或停止本机练习服务器</translation>
    </message>
    <message>
        <source>An FTP server on this computer only (127.0.0.1) with sample files and a generated password, to try both modes safely</source>
        <translation>只在本机（127.0.0.1）运行的 FTP 服务器，带示例文件和自动生成的密码，可安全地试用两种模式</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>List and download on the practice server</source>
        <translation>在练习服务器上列目录并下载</translation>
    </message>
    <message>
        <source>List a folder and download a file on the practice server, in the selected mode</source>
        <translation>用所选模式在练习服务器上列出目录并下载一个文件</translation>
    </message>
    <message>
        <source>Simulate a server firewall</source>
        <translation>模拟服务器防火墙</translation>
    </message>
    <message>
        <source>Simulation: the passive port the server names cannot be reached (it times out)</source>
        <translation>模拟：服务器给出的被动端口无法连通（连接超时）</translation>
    </message>
    <message>
        <source>Simulate a client firewall</source>
        <translation>模拟客户端防火墙</translation>
    </message>
    <message>
        <source>Simulation: the server declines to connect back to your port and answers 425</source>
        <translation>模拟：服务器拒绝连回你的端口，并响应 425</translation>
    </message>
    <message>
        <source>Could not diagnose: {error}</source>
        <translation>无法诊断：{error}</translation>
    </message>
    <message>
        <source>Neither mode works with this server from here.</source>
        <translation>从这里连接这台服务器，两种模式都不可用。</translation>
    </message>
    <message>
        <source>Recommended: {mode}</source>
        <translation>推荐：{mode}模式</translation>
    </message>
    <message>
        <source>Recommended: {mode}. This connection already uses {mode} mode.</source>
        <translation>推荐：{mode}模式。此连接已经在使用{mode}模式。</translation>
    </message>
    <message>
        <source>Use {mode} for this site</source>
        <translation>对此站点使用{mode}模式</translation>
    </message>
    <message>
        <source>Save {mode} as the transfer mode of the site “{site}” and reconnect</source>
        <translation>将{mode}模式保存为站点“{site}”的传输模式，并重新连接</translation>
    </message>
    <message>
        <source>Use {mode} for this connection</source>
        <translation>对此连接使用{mode}模式</translation>
    </message>
    <message>
        <source>Reconnect in {mode} mode, and use it for this server until ftpgui is closed. To keep it after that, save the server as a site in the Site Manager and set its transfer mode.</source>
        <translation>以{mode}模式重新连接，并在关闭 ftpgui 之前对这台服务器一直使用。若要在此之后仍然使用，请在站点管理器中把它保存为站点，并设置其传输模式。</translation>
    </message>
    <message>
        <source>Trying passive mode, then active mode…</source>
        <translation>正在先试被动模式，再试主动模式……</translation>
    </message>
    <message>
        <source>Trying passive mode ({command})…</source>
        <translation>正在尝试被动模式（{command}）……</translation>
    </message>
    <message>
        <source>Trying active mode ({command})…</source>
        <translation>正在尝试主动模式（{command}）……</translation>
    </message>
    <message>
        <source>Trying passive mode ({command}) again without TLS, to compare…</source>
        <translation>正在不用 TLS 再试一次被动模式（{command}），以作比较……</translation>
    </message>
    <message>
        <source>{mode}, {command}, without TLS</source>
        <translation>{mode}，{command}，不用 TLS</translation>
    </message>
    <message>
        <source>Diagnose this server</source>
        <translation>诊断此服务器</translation>
    </message>
    <message>
        <source>Try passive and then active mode, each on a fresh connection, and say why</source>
        <translation>先后用被动和主动模式各在一条新连接上尝试，并说明原因</translation>
    </message>
    <message>
        <source>Use the recommended mode for this site</source>
        <translation>对此站点使用推荐的模式</translation>
    </message>
    <message>
        <source>Use the recommended mode for this connection</source>
        <translation>对此连接使用推荐的模式</translation>
    </message>
    <message>
        <source>{mode}: works.</source>
        <translation>{mode}：可用。</translation>
    </message>
    <message>
        <source>{mode}: fails at the “{stage}” stage ({cause}).</source>
        <translation>{mode}：在“{stage}”阶段失败（{cause}）。</translation>
    </message>
    <message>
        <source>failed: {cause}</source>
        <translation>失败：{cause}</translation>
    </message>
    <message>
        <source>No data connection open.</source>
        <translation>没有打开的数据连接。</translation>
    </message>
    <message>
        <source>What if: these firewalls would not stop this connection (it failed for another reason).</source>
        <translation>假如：这些防火墙不会拦住这条连接（它是因为别的原因失败的）。</translation>
    </message>
    <message>
        <source>What if: a server firewall would not stop this connection (it failed for another reason).</source>
        <translation>假如：服务器防火墙不会拦住这条连接（它是因为别的原因失败的）。</translation>
    </message>
    <message>
        <source>What if: a client firewall would not stop this connection (it failed for another reason).</source>
        <translation>假如：客户端防火墙不会拦住这条连接（它是因为别的原因失败的）。</translation>
    </message>
    <message>
        <source>What if the server&apos;s firewall admitted its passive port range: the client&apos;s connection to port {port} would get through. It really failed ({cause}): the fix is on the server, to open the passive port range in its firewall and in the FTP server&apos;s settings.</source>
        <translation>假如服务器的防火墙放行它的被动端口范围：客户端连往端口 {port} 的连接就能通过。它实际失败了（{cause}）：解决办法在服务器上，在它的防火墙和 FTP 服务器设置中开放被动端口范围。</translation>
    </message>
    <message>
        <source>What if: these firewalls would not stop this connection; it really failed: {cause}.</source>
        <translation>假如：这些防火墙不会拦住这条连接；它实际失败的原因：{cause}。</translation>
    </message>
    <message>
        <source>What if: a server firewall would not stop this connection; it really failed: {cause}.</source>
        <translation>假如：服务器防火墙不会拦住这条连接；它实际失败的原因：{cause}。</translation>
    </message>
    <message>
        <source>What if: a client firewall would not stop this connection; it really failed: {cause}.</source>
        <translation>假如：客户端防火墙不会拦住这条连接；它实际失败的原因：{cause}。</translation>
    </message>
    <message>
        <source>The data connection before it (#{first}) went the same way.</source>
        <translation>它之前的那条数据连接（#{first}）过程相同。</translation>
    </message>
    <message>
        <source>The {count} data connections before it (#{first}–#{last}) went the same way.</source>
        <translation>它之前的 {count} 条数据连接（#{first}–#{last}）过程相同。</translation>
    </message>
    <message>
        <source>The client connected from its port {client_port} to the server&apos;s port {server_port}: the control connection. Commands and replies use it for the whole session; files, and the directory listings of LIST, NLST and MLSD, go over separate data connections. No data port is opened yet: each transfer will get a fresh one.</source>
        <translation>客户端从它的端口 {client_port} 连接到服务器的端口 {server_port}：这就是控制连接。整个会话的命令和响应都走这条连接；文件，以及 LIST、NLST 和 MLSD 的目录列表，走另外的数据连接。现在还没有打开数据端口：每次传输都会用一个新的端口。</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>正常退出</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>连接丢失</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>certificate not trusted</source>
        <translation>证书不受信任</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>ended by the server with 421</source>
        <translation>服务器以 421 结束了连接</translation>
    </message>
    <message>
        <source>Auto mode: passive mode failed ({cause}): the server answered {code} to {command}, so no data moved. The client switches to active mode for this session and sends {command} again.</source>
        <translation>自动模式：被动模式失败（{cause}）：服务器对 {command} 响应 {code}，没有传输任何数据。客户端在本会话中改用主动模式，并再次发送 {command}。</translation>
    </message>
    <message>
        <source>{host} is a private address: a server across the internet cannot reach it when this computer is behind a home router (NAT), unless the router&apos;s FTP helper rewrites the address (it cannot under TLS) — the usual reason active mode fails there.</source>
        <translation>{host} 是私有地址：本机位于家用路由器（NAT）之后时，互联网上的服务器无法连到它，除非路由器的 FTP 辅助模块改写这个地址（使用 TLS 时无法改写）——这正是主动模式在这种情况下通常失败的原因。</translation>
    </message>
    <message>
        <source>The server could not, or would not, connect to the client&apos;s port {port}: {reply}</source>
        <translation>服务器没能（或不肯）连接客户端的端口 {port}：{reply}</translation>
    </message>
    <message>
        <source>The server refused {command} ({reply}); the client tries {next} instead.</source>
        <translation>服务器拒绝了 {command}（{reply}）；客户端改用 {next}。</translation>
    </message>
    <message>
        <source>The server&apos;s 227 reply named {advertised}, not the address the client reaches the server at (probably a server behind NAT whose public address is not configured): the client dials {target}, the control connection&apos;s peer, instead.</source>
        <translation>服务器的 227 响应中给出的是 {advertised}，而不是客户端访问服务器所用的地址（可能是服务器位于 NAT 之后，且没有配置公网地址）：客户端改为连接控制连接的对端 {target}。</translation>
    </message>
    <message>
        <source>The server&apos;s 227 reply named {advertised}, not the address the client reaches the server at (probably a passive address set wrongly in the server, or an old one): the client dials {target}, the control connection&apos;s peer, instead.</source>
        <translation>服务器的 227 响应中给出的是 {advertised}，而不是客户端访问服务器所用的地址（可能是服务器中配置的被动地址有误，或是旧地址）：客户端改为连接控制连接的对端 {target}。</translation>
    </message>
    <message>
        <source>It never follows a 227 to another host: a hostile server could steer it to a third party that way (an FTP bounce).</source>
        <translation>客户端从不按 227 响应去连接另一台主机：恶意服务器可能借此把它引向第三方（FTP 反弹攻击）。</translation>
    </message>
    <message>
        <source>A stateful firewall with an FTP helper reads PORT/EPRT and the 227/229 replies on the control connection (PASV itself carries no numbers) and opens the data port by itself — but not once the control connection is encrypted (FTPS).</source>
        <translation>带 FTP 辅助模块的状态检测防火墙会读取控制连接上的 PORT/EPRT 命令和 227/229 响应（PASV 命令本身不含地址和端口），自动放行数据端口——但控制连接加密（FTPS）后就做不到了。</translation>
    </message>
    <message>
        <source>the server rejected the data connection</source>
        <translation>服务器拒绝了这条数据连接</translation>
    </message>
    <message>
        <source>Fo&amp;llow:</source>
        <translation>跟随(&amp;L)：</translation>
    </message>
    <message>
        <source>Which connection the panel follows</source>
        <translation>面板跟随哪条连接</translation>
    </message>
    <message>
        <source>Latest activity: the connection that most recently opened a data connection or failed to. Browsing: the connection the file list uses. Transfers: the queue&apos;s connections. Picking a connection pins it.</source>
        <translation>最新活动：最近一次建立数据连接（或建立失败）的连接。浏览：文件列表使用的连接。传输：传输队列的连接。选中某条连接即固定显示它。</translation>
    </message>
    <message>
        <source>the client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>data connection {client} ↔ {server} (dialled by {who})</source>
        <translation>数据连接 {client} ↔ {server}（由{who}发起连接）</translation>
    </message>
    <message>
        <source>data connection closed: {bytes} bytes in {seconds} s</source>
        <translation>数据连接已关闭：{seconds} 秒内传输 {bytes} 字节</translation>
    </message>
    <message>
        <source>data connection failed at the “{stage}” stage ({cause}): {detail}</source>
        <translation>数据连接在“{stage}”阶段失败（{cause}）：{detail}</translation>
    </message>
    <message>
        <source>{title} ({cause})</source>
        <translation>{title}（{cause}）</translation>
    </message>
    <message>
        <source>control connection {client} → {server}</source>
        <translation>控制连接 {client} → {server}</translation>
    </message>
    <message>
        <source>control connection closed ({reason})</source>
        <translation>控制连接已关闭（{reason}）</translation>
    </message>
    <message>
        <source>{mode}: {command} {argument}, advertised {advertised}, used {target}</source>
        <translation>{mode}：{command} {argument}，通告的是 {advertised}，实际使用 {target}</translation>
    </message>
    <message>
        <source>{mode}: {command} {argument}, port {port} on the control connection&apos;s address, used {target}</source>
        <translation>{mode}：{command} {argument}，控制连接所用地址上的端口 {port}，实际使用 {target}</translation>
    </message>
    <message>
        <source>Latest activity</source>
        <translation>最新活动</translation>
    </message>
    <message>
        <source>Browsing</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>This connection (pinned)</source>
        <translation>固定此连接</translation>
    </message>
    <message>
        <source>Browsing — {where}</source>
        <translation>浏览 — {where}</translation>
    </message>
    <message>
        <source>Transfer {number} — {where}</source>
        <translation>传输 {number} — {where}</translation>
    </message>
    <message>
        <source>Diagnosis: {mode} — {where}</source>
        <translation>诊断：{mode} — {where}</translation>
    </message>
    <message>
        <source>{mode}, {command}</source>
        <translation>{mode}，{command}</translation>
    </message>
    <message>
        <source>Practice — {where}</source>
        <translation>练习 — {where}</translation>
    </message>
    <message>
        <source>Connection {number} — {where}</source>
        <translation>连接 {number} — {where}</translation>
    </message>
    <message>
        <source>{name} (closed)</source>
        <translation>{name}（已关闭）</translation>
    </message>
    <message>
        <source>{name} (closed {time})</source>
        <translation>{name}（{time} 已关闭）</translation>
    </message>
    <message>
        <source>{name} (closed {time}, connection {number})</source>
        <translation>{name}（{time} 已关闭，连接 {number}）</translation>
    </message>
    <message>
        <source>{name} (could not connect at {time})</source>
        <translation>{name}（{time} 无法连接）</translation>
    </message>
    <message>
        <source>{name} (could not connect at {time}, connection {number})</source>
        <translation>{name}（{time} 无法连接，连接 {number}）</translation>
    </message>
    <message>
        <source>{name} ({which})</source>
        <translation>{name}（{which}）</translation>
    </message>
    <message>
        <source>{name} ({which}, connecting…)</source>
        <translation>{name}（{which}，正在连接…）</translation>
    </message>
    <message>
        <source>tab closed</source>
        <translation>标签页已关闭</translation>
    </message>
    <message>
        <source>tab {tab}</source>
        <translation>标签页 {tab}</translation>
    </message>
    <message>
        <source>local port {port}</source>
        <translation>本地端口 {port}</translation>
    </message>
    <message>
        <source>connection {number}</source>
        <translation>连接 {number}</translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <translation>{first}，{second}</translation>
    </message>
    <message>
        <source>… ({count} more characters)</source>
        <translation>…（另有 {count} 个字符）</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>示意图</translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation>时序图</translation>
    </message>
    <message>
        <source>Every command, reply and connection, in time order</source>
        <translation>按时间顺序列出每条命令、响应和连接</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done}，共 {total}</translation>
    </message>
    <message>
        <source>of {total}</source>
        <translation>共 {total}</translation>
    </message>
    <message>
        <source>{rate}/s</source>
        <translation>{rate}/秒</translation>
    </message>
    <message>
        <source>This connection: {mode}</source>
        <translation>此连接：{mode}</translation>
    </message>
    <message>
        <source>{rate}/s so far</source>
        <translation>迄今平均 {rate}/秒</translation>
    </message>
    <message>
        <source>connecting… {seconds} s of {timeout} s</source>
        <translation>正在连接… {seconds} 秒（超时 {timeout} 秒）</translation>
    </message>
    <message>
        <source>waiting for the server to connect to port {port}… {seconds} s of {timeout} s</source>
        <translation>等待服务器连接到端口 {port}… {seconds} 秒（超时 {timeout} 秒）</translation>
    </message>
    <message>
        <source>waiting for the server to connect to port {port}… {seconds} s</source>
        <translation>等待服务器连接到端口 {port}… {seconds} 秒</translation>
    </message>
    <message>
        <source>connecting… {seconds} s</source>
        <translation>正在连接… {seconds} 秒</translation>
    </message>
    <message>
        <source>control connection (idle)</source>
        <translation>控制连接（空闲）</translation>
    </message>
    <message>
        <source>The control connection is now encrypted ({version}): a firewall&apos;s FTP helper can no longer read the client&apos;s PORT/EPRT commands or the server&apos;s 227/229 replies, so it cannot open data ports by itself.</source>
        <translation>控制连接现已加密（{version}）：防火墙的 FTP 辅助模块再也读不到客户端的 PORT/EPRT 命令和服务器的 227/229 响应，因此无法自行放行数据端口。</translation>
    </message>
    <message>
        <source>Encrypted (TLS)</source>
        <translation>已加密（TLS）</translation>
    </message>
    <message>
        <source>▾ {count} more data connections like the one above (click to hide)</source>
        <translation>▾ 另有 {count} 个与上面相同的数据连接（点击收起）</translation>
    </message>
    <message>
        <source>▸ {count} more data connections like the one above (click to show)</source>
        <translation>▸ 另有 {count} 个与上面相同的数据连接（点击展开）</translation>
    </message>
    <message>
        <source>TCP connection (control)</source>
        <translation>TCP 连接（控制）</translation>
    </message>
    <message>
        <source>TCP connection (data)</source>
        <translation>TCP 连接（数据）</translation>
    </message>
    <message>
        <source>what if: stopped by the {wall}</source>
        <translation>假如：被{wall}拦住</translation>
    </message>
    <message>
        <source>TLS handshake: {version}</source>
        <translation>TLS 握手：{version}</translation>
    </message>
    <message>
        <source>listens on port {port}</source>
        <translation>在端口 {port} 上监听</translation>
    </message>
    <message>
        <source>the server named port {port}</source>
        <translation>服务器给出了端口 {port}</translation>
    </message>
    <message>
        <source>the server named port {port}; the client dials {target}, not {advertised} it named</source>
        <translation>服务器给出了端口 {port}；客户端连接 {target}，而不是它给出的 {advertised}</translation>
    </message>
    <message>
        <source>The connect to port {port}, which the server named, was refused (a TCP reset or an ICMP “unreachable” came back): nothing listens there, or a firewall refuses. The usual fix is on the server: open its passive port range.</source>
        <translation>连接服务器给出的端口 {port} 被拒绝（收到了 TCP 重置或 ICMP“不可达”）：那里没有程序在监听，或有防火墙拒绝了它。通常的解决办法在服务器上：开放它的被动端口范围。</translation>
    </message>
    <message>
        <source>The connect to port {port}, which the server named, went unanswered: most likely a firewall at the server dropped it. The usual fix is on the server: open its passive port range.</source>
        <translation>连接服务器给出的端口 {port} 没有回应：很可能是服务器端的防火墙把它丢弃了。通常的解决办法在服务器上：开放它的被动端口范围。</translation>
    </message>
    <message>
        <source>A firewall with an FTP helper opens such a port by itself, from the 227/229 reply it reads — but not once the control connection is encrypted (FTPS).</source>
        <translation>带 FTP 辅助模块的防火墙会读取 227/229 响应，自动放行这样的端口——但控制连接加密（FTPS）后就做不到了。</translation>
    </message>
    <message>
        <source>ftpgui dialled port {port} at the server&apos;s own address (it never dials another host a reply names), and that was refused: the server may take data connections only at {named}. The fix: set its passive address to the one clients reach it at.</source>
        <translation>ftpgui 连接的是服务器自己地址上的端口 {port}（它从不连接响应中给出的其他主机），这个连接被拒绝了：服务器可能只在 {named} 上接受数据连接。解决办法：把它的被动地址设为客户端连接它所用的地址。</translation>
    </message>
    <message>
        <source>ftpgui dialled port {port} at the server&apos;s own address (it never dials another host a reply names), and that went unanswered: the server may take data connections only at {named}, or a firewall drops them. The fix: set its passive address to the one clients reach it at, and open its passive port range.</source>
        <translation>ftpgui 连接的是服务器自己地址上的端口 {port}（它从不连接响应中给出的其他主机），这个连接没有回应：服务器可能只在 {named} 上接受数据连接，或者有防火墙丢弃了连接。解决办法：把它的被动地址设为客户端连接它所用的地址，并开放它的被动端口范围。</translation>
    </message>
    <message>
        <source>listens on port {port}; the client dials {target}, not {advertised} the reply named</source>
        <translation>在端口 {port} 上监听；客户端连接 {target}，而不是响应中给出的 {advertised}</translation>
    </message>
    <message>
        <source>data connection closed: {bytes} bytes</source>
        <translation>数据连接已关闭：{bytes} 字节</translation>
    </message>
    <message>
        <source>Pinned (diagnosis shown)</source>
        <translation>固定（显示诊断）</translation>
    </message>
    <message>
        <source>Pinned (another shown)</source>
        <translation>固定（显示其他）</translation>
    </message>
    <message>
        <source>port {port} refused: nothing listens there, or a firewall refuses</source>
        <translation>端口 {port} 拒绝连接：那里无程序监听，或防火墙拒绝</translation>
    </message>
    <message>
        <source>the server&apos;s connect to port {port} was refused</source>
        <translation>服务器到端口 {port} 的连接被拒绝</translation>
    </message>
    <message>
        <source>The server says its connect was refused (a TCP reset or an ICMP “unreachable” came back to it): the client listens on that port, so a firewall on the way refused it, or the server dialled another address than this computer's.</source>
        <translation>服务器称它的连接被拒绝（它收到了 TCP 重置或 ICMP“不可达”）：客户端在该端口上监听，所以是途中的防火墙拒绝了它，或者服务器连接的不是本机的地址。</translation>
    </message>
    <message>
        <source>no data connection: port {port} refused</source>
        <translation>数据连接未建立：端口 {port} 拒绝连接</translation>
    </message>
    <message>
        <source>This connect was refused (a TCP reset or an ICMP “unreachable” came back): nothing listens on that port, or a firewall refuses; a firewall that drops the packets makes the connect time out.</source>
        <translation>这次连接被拒绝（收到了 TCP 重置或 ICMP“不可达”）：该端口没有程序在监听，或有防火墙拒绝了它；丢弃数据包的防火墙会让连接超时。</translation>
    </message>
    <message>
        <source>What if the server&apos;s firewall admitted its passive port range: a firewall that refused the client&apos;s connection to port {port} would let it through. But the port itself may be closed: the refusal also comes when nothing listens there. The fix is on the server, its firewall or its passive port settings.</source>
        <translation>假如服务器的防火墙放行其被动端口范围：拒绝了客户端到端口 {port} 的连接的防火墙会放它通过。但端口本身可能是关闭的：那里无程序监听时也会被拒绝。修复在服务器一侧：它的防火墙或它的被动端口设置。</translation>
    </message>
    <message>
        <source>no data connection: {cause}</source>
        <translation>数据连接未建立：{cause}</translation>
    </message>
    <message>
        <source>no connection arrived at port {port}: {cause}</source>
        <translation>没有连接到达端口 {port}：{cause}</translation>
    </message>
    <message>
        <source>no connection arrived at the client&apos;s port: {cause}</source>
        <translation>没有连接到达客户端的端口：{cause}</translation>
    </message>
    <message>
        <source>Simulate NAT</source>
        <translation>模拟 NAT</translation>
    </message>
    <message>
        <source>Simulation: a server behind NAT refuses EPSV and names a private address in its PASV reply; ftpgui connects to the address it reached instead</source>
        <translation>模拟：位于 NAT 之后的服务器拒绝 EPSV，并在 PASV 响应中给出一个私有地址；ftpgui 改为连接它实际到达的地址</translation>
    </message>
    <message>
        <source>Export diagnosis</source>
        <translation>导出诊断</translation>
    </message>
    <message>
        <source>Could not export the diagnosis: {error}</source>
        <translation>无法导出诊断：{error}</translation>
    </message>
    <message>
        <source>Export diagnosis…</source>
        <translation>导出诊断…</translation>
    </message>
    <message>
        <source>Save a zip for support: the diagnosis, its transcript (passwords masked) and the versions</source>
        <translation>保存一个供技术支持使用的 zip 文件：诊断结果、其会话记录（密码已遮盖）和各组件版本</translation>
    </message>
    <message>
        <source>Mask the user name</source>
        <translation>遮盖用户名</translation>
    </message>
    <message>
        <source>the data connection came from another address</source>
        <translation>数据连接来自另一个地址</translation>
    </message>
    <message>
        <source>The practice server&apos;s simulation changed: diagnose it again.</source>
        <translation>练习服务器的模拟设置已更改：请重新诊断。</translation>
    </message>
    <message>
        <source>a firewall&apos;s FTP helper cannot see through TLS</source>
        <translation>防火墙的 FTP 助手无法看穿 TLS</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>如何修复</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this setting</source>
        <translation>复制此设置</translation>
    </message>
    <message>
        <source>Copy this setting to the clipboard</source>
        <translation>将此设置复制到剪贴板</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>control connection {client} → {server} through the proxy {proxy}</source>
        <translation>控制连接 {client} → {server}，经过代理 {proxy}</translation>
    </message>
    <message>
        <source>{line}, through the proxy {proxy}</source>
        <translation>{line}，经过代理 {proxy}</translation>
    </message>
    <message>
        <source>TLS on the control connection: {version}, {cipher}</source>
        <translation>控制连接上的 TLS：{version}，{cipher}</translation>
    </message>
    <message>
        <source>TLS on a data connection: {version}, {cipher}</source>
        <translation>数据连接上的 TLS：{version}，{cipher}</translation>
    </message>
    <message>
        <source>Active mode through the proxy: ftpgui asks the proxy {proxy} to listen for the server (SOCKS BIND). The proxy listens on {host} port {port}, and {command} names that address, asking the server to connect there for the next transfer.</source>
        <translation>经代理的主动模式：ftpgui 请代理 {proxy} 替它等待服务器的连接（SOCKS BIND）。代理在 {host} 端口 {port} 上监听，{command} 报出这个地址，请服务器在下一次传输时连接到那里。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. Through the proxy, the server dials out to the proxy's port {port}, not to this computer: a firewall at the server lets the server's own outgoing connections through, and one on this computer sees only its own connections to the proxy.</source>
        <translation>假如：这条数据连接仍然可用。经代理时，服务器向外连接的是代理的端口 {port}，而不是本机：服务器一侧的防火墙放行服务器自己向外的连接，本机的防火墙只看到本机自己连往代理的连接。</translation>
    </message>
    <message>
        <source>The server could not, or would not, connect to the proxy's port {port}: {reply}</source>
        <translation>服务器没能（或不肯）连接代理的端口 {port}：{reply}</translation>
    </message>
    <message>
        <source>The server accepted {command} ({code}): it will connect to the proxy's port {port}, and the proxy hands the connection to ftpgui.</source>
        <translation>服务器接受了 {command}（{code}）：它将连接代理的端口 {port}，再由代理把这条连接转交给 ftpgui。</translation>
    </message>
    <message>
        <source>The server dials the proxy's port {proxy_port} from its port {server_port}; the proxy hands the connection to ftpgui over the connection ftpgui opened to it. The data connection is up.</source>
        <translation>服务器从它的端口 {server_port} 连接代理的端口 {proxy_port}；代理通过 ftpgui 事先连到它的那条连接，把这条连接转交给 ftpgui。数据连接已建立。</translation>
    </message>
    <message>
        <source>ftpgui asks the proxy {proxy} ({kind}) to connect to the server's port {server_port}; the proxy dials the server and passes the bytes both ways: the control connection. The server sees the proxy's address, not this computer's. Files and directory listings will go over separate data connections, through the proxy too.</source>
        <translation>ftpgui 请代理 {proxy}（{kind}）连接服务器的端口 {server_port}；由代理去连接服务器，并在两个方向上转发数据：这就是控制连接。服务器看到的是代理的地址，而不是本机的地址。文件和目录列表将走另外的数据连接，同样经过代理。</translation>
    </message>
    <message>
        <source>ftpgui asks the proxy {proxy} to connect to the server's data port {server_port}; the proxy dials it, and the data connection is up (ftpgui's end is its port {client_port}, to the proxy).</source>
        <translation>ftpgui 请代理 {proxy} 连接服务器的数据端口 {server_port}；由代理去连接，数据连接已建立（ftpgui 这一端是它连到代理的端口 {client_port}）。</translation>
    </message>
    <message>
        <source>{kind} proxy</source>
        <translation>{kind} 代理</translation>
    </message>
    <message>
        <source>Search — {where}</source>
        <translation>搜索 — {where}</translation>
    </message>
    <message>
        <source>Simulate TLS with a firewall helper</source>
        <translation>模拟 TLS 遇上防火墙的 FTP 助手</translation>
    </message>
    <message>
        <source>Simulation: a firewall opens the passive data port only when its FTP helper reads that port in the server&apos;s reply. It can in plain FTP, not under TLS: plain passive works, TLS passive times out. Try it runs both</source>
        <translation>模拟：防火墙只有在其 FTP 助手从服务器的响应中读到被动数据端口时才打开该端口。明文 FTP 下它读得到，TLS 下读不到：明文被动模式可用，TLS 被动模式超时。“试一试”会两种都运行</translation>
    </message>
    <message>
        <source>Simulation unavailable: the practice server cannot offer TLS (pyOpenSSL)</source>
        <translation>无法模拟：练习服务器无法提供 TLS（缺少 pyOpenSSL）</translation>
    </message>
    <message>
        <source>Simulation: in plain FTP the firewall&apos;s FTP helper read the data port in the server&apos;s reply and opened it, so passive mode worked; under TLS it could not read the reply, so the TLS data connection was stopped. “Diagnose this server” compares both and names the cause.</source>
        <translation>模拟：在明文 FTP 下，防火墙的 FTP 助手从服务器的响应中读到了数据端口并打开了它，所以被动模式可用；在 TLS 下它读不到响应，所以 TLS 数据连接被拦下了。“诊断此服务器”会比较两者并指出原因。</translation>
    </message>
    <message>
        <source>Simulation: in plain FTP the firewall&apos;s FTP helper read the data port in the server&apos;s reply and opened it, so passive mode worked; under TLS it could not read the reply, so passive mode was stopped and Auto went on in active mode, where the server connects out to this computer.</source>
        <translation>模拟：在明文 FTP 下，防火墙的 FTP 助手从服务器的响应中读到了数据端口并打开了它，所以被动模式可用；在 TLS 下它读不到响应，被动模式被拦下，于是“自动”改用主动模式继续：由服务器向本机发起连接。</translation>
    </message>
    <message>
        <source>Simulation: plain FTP and TLS both went through in active mode: the server connects out to this computer, which this firewall allows. Its FTP helper matters for passive mode.</source>
        <translation>模拟：在主动模式下，明文 FTP 和 TLS 都成功了：服务器向外连接到这台计算机，这个防火墙允许这样做。它的 FTP 助手只对被动模式有影响。</translation>
    </message>
    <message>
        <source>Simulation: plain FTP: {plain} TLS: {tls}</source>
        <translation>模拟：明文 FTP：{plain} TLS：{tls}</translation>
    </message>
    <message>
        <source>went through.</source>
        <translation>成功。</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>the client stops the transfer, not for a cancel: {reason}</source>
        <translation>客户端自行中止传输，并非有人取消：{reason}</translation>
    </message>
    <message>
        <source>The client stopped {command} (ABOR) after {bytes} bytes in {seconds} s, not for a cancel: {reason}; the data connection is closed. The next transfer opens a new data connection on a new port.</source>
        <translation>客户端在 {seconds} 秒内传输 {bytes} 字节后自行中止了 {command}（ABOR），并非有人取消：{reason}；数据连接已关闭。下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>The client stopped {command} (ABOR, a cancel) after {bytes} bytes in {seconds} s; the data connection is closed. The next transfer opens a new data connection on a new port.</source>
        <translation>客户端在 {seconds} 秒内传输 {bytes} 字节后中止了 {command}（ABOR，即取消）；数据连接已关闭。下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>The client stopped {command} (ABOR) after the server had acknowledged {bytes} bytes, in {seconds} s, not for a cancel: {reason}; the data connection is closed.</source>
        <translation>服务器确认收到 {bytes} 字节后（用时 {seconds} 秒），客户端自行中止了 {command}（ABOR），并非有人取消：{reason}；数据连接已关闭。</translation>
    </message>
    <message>
        <source>The client stopped {command} (ABOR, a cancel) after the server had acknowledged {bytes} bytes, in {seconds} s; the data connection is closed.</source>
        <translation>服务器确认收到 {bytes} 字节后（用时 {seconds} 秒），客户端中止了 {command}（ABOR，即取消）；数据连接已关闭。</translation>
    </message>
    <message>
        <source>The server has {size} bytes of the file (SIZE).</source>
        <translation>服务器上的文件有 {size} 字节（SIZE）。</translation>
    </message>
    <message>
        <source>The server&apos;s file may hold more or fewer: what was on the way was kept or dropped.</source>
        <translation>服务器上的文件可能多于或少于此数：途中的数据可能被保留，也可能被丢弃。</translation>
    </message>
    <message>
        <source>The next transfer opens a new data connection on a new port.</source>
        <translation>下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>1 byte in {seconds} s; the data connection is closed. The next transfer opens a new data connection on a new port.</source>
        <translation>{seconds} 秒内传输 1 字节；数据连接已关闭。下一次传输会在新的端口上建立新的数据连接。</translation>
    </message>
    <message>
        <source>data connection closed: 1 byte in {seconds} s</source>
        <translation>数据连接已关闭：{seconds} 秒内传输 1 字节</translation>
    </message>
    <message>
        <source>data connection closed: 1 byte</source>
        <translation>数据连接已关闭：1 字节</translation>
    </message>
    <message>
        <source>1 more data connection like the one above:</source>
        <translation>另有 1 个与上面相同的数据连接：</translation>
    </message>
    <message>
        <source>(not asked for, ignored)</source>
        <translation>（未经请求，已忽略）</translation>
    </message>
    <message>
        <source>1 more data connection like the one above (not drawn)</source>
        <translation>另有 1 个与上面相同的数据连接（未画出）</translation>
    </message>
    <message>
        <source>{count} more data connections like the one above:</source>
        <translation>另有 {count} 个与上面相同的数据连接：</translation>
    </message>
    <message>
        <source>{count} more data connections like the one above (not drawn)</source>
        <translation>另有 {count} 个与上面相同的数据连接（未画出）</translation>
    </message>
    <message>
        <source>▾ 1 more data connection like the one above (click to hide)</source>
        <translation>▾ 另有 1 个与上面相同的数据连接（点击收起）</translation>
    </message>
    <message>
        <source>▸ 1 more data connection like the one above (click to show)</source>
        <translation>▸ 另有 1 个与上面相同的数据连接（点击展开）</translation>
    </message>
    <message>
        <source>The client dials the server's port {port} at {host} to open the control connection, and waits up to {timeout} s for an answer.</source>
        <translation>客户端向 {host} 的服务器端口 {port} 发起连接，以建立控制连接，最多等待 {timeout} 秒的响应。</translation>
    </message>
    <message>
        <source>The client dials the server's port {port} at {host} to open the control connection, and waits for an answer.</source>
        <translation>客户端向 {host} 的服务器端口 {port} 发起连接，以建立控制连接，并等待响应。</translation>
    </message>
    <message>
        <source>The connect to {host} port {port} was refused (a TCP reset or an ICMP “unreachable” came back): the server is not running there, or a firewall rejects the connection. Check the host and the port.</source>
        <translation>到 {host} 端口 {port} 的连接被拒绝（收到了 TCP 重置或 ICMP“不可达”）：服务器没有在那里运行，或者防火墙拒绝了该连接。请检查主机和端口。</translation>
    </message>
    <message>
        <source>No answer from {host} port {port} within {timeout} s: probably a firewall dropping the connection attempt, or no host at that address. Check the address, and that the server's firewall admits port {port}.</source>
        <translation>{host} 的端口 {port} 在 {timeout} 秒内没有响应：可能是防火墙丢弃了连接请求，或者该地址上没有主机。请检查地址，并确认服务器的防火墙放行端口 {port}。</translation>
    </message>
    <message>
        <source>There is no route to {host} ({reason}): this computer cannot reach its network.</source>
        <translation>没有通往 {host} 的路由（{reason}）：本机无法到达它所在的网络。</translation>
    </message>
    <message>
        <source>The control connection to {host} port {port} could not be made: {reason}</source>
        <translation>无法建立到 {host} 端口 {port} 的控制连接：{reason}</translation>
    </message>
    <message>
        <source>No control connection</source>
        <translation>没有控制连接</translation>
    </message>
    <message>
        <source>connecting to port {port}</source>
        <translation>正在连接端口 {port}</translation>
    </message>
    <message>
        <source>refused: nothing accepts port {port}</source>
        <translation>被拒绝：端口 {port} 上没有程序接受连接</translation>
    </message>
    <message>
        <source>no answer within {timeout} s</source>
        <translation>{timeout} 秒内没有响应</translation>
    </message>
    <message>
        <source>no route to the server</source>
        <translation>没有通往服务器的路由</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>connecting to port {port}…</source>
        <translation>正在连接端口 {port}…</translation>
    </message>
    <message>
        <source>no control connection: {why}</source>
        <translation>没有控制连接：{why}</translation>
    </message>
    <message>
        <source>{name} (connecting…)</source>
        <translation>{name}（正在连接…）</translation>
    </message>
    <message>
        <source>{name} (could not connect)</source>
        <translation>{name}（无法连接）</translation>
    </message>
    <message>
        <source>connecting to {server}</source>
        <translation>正在连接 {server}</translation>
    </message>
    <message>
        <source>connecting to {server} failed: {reason}</source>
        <translation>连接 {server} 失败：{reason}</translation>
    </message>
    <message>
        <source>the server&apos;s reply named no usable data port</source>
        <translation>服务器的响应没有给出可用的数据端口</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for {what}:</source>
        <translation>{what} 的密码：</translation>
    </message>
    <message>
        <source>Remember until the app closes</source>
        <translation>记住直到程序关闭</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Password for {site}</source>
        <translation>{site} 的密码</translation>
    </message>
    <message>
        <source>The password cannot be saved: {reason}.</source>
        <translation>密码无法保存：{reason}。</translation>
    </message>
    <message>
        <source>Enter the password for {who}:</source>
        <translation>请输入 {who} 的密码：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember until the app closes</source>
        <translation>记住直到程序关闭</translation>
    </message>
    <message>
        <source>Save in the system keyring</source>
        <translation>保存到系统密钥环</translation>
    </message>
    <message>
        <source>The password for {site} was not saved: {reason}. It is remembered until ftpgui closes.</source>
        <translation>{site} 的密码未能保存：{reason}。在 ftpgui 关闭之前会记住它。</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <source>Recurse into subfolders</source>
        <translation>应用到子文件夹中的内容</translation>
    </message>
    <message>
        <source>All files and folders</source>
        <translation>所有文件和文件夹</translation>
    </message>
    <message>
        <source>Files only</source>
        <translation>仅文件</translation>
    </message>
    <message>
        <source>Folders only</source>
        <translation>仅文件夹</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>应用于</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Permissions of {name}</source>
        <translation>{name} 的权限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>Numeric value:</source>
        <translation>数字值：</translation>
    </message>
    <message>
        <source>A fourth digit in front is setuid (4), setgid (2) and sticky (1), as chmod takes it: 1777.</source>
        <translation>前面的第四位数字是 setuid (4)、setgid (2) 和粘滞位 (1)，与 chmod 的写法相同：1777。</translation>
    </message>
    <message>
        <source>A partly ticked box (x in the number) is left as it is: its permission is not known, or differs between the items.</source>
        <translation>部分勾选的复选框（数字中的 x）保持原样：其权限未知，或各项目之间不同。</translation>
    </message>
    <message>
        <source>An item whose permissions are not known is changed only when every box is set.</source>
        <translation>权限未知的项目，只有在每个复选框都已设定时才会更改。</translation>
    </message>
    <message>
        <source>Nothing to change yet: tick or clear a box, or type the whole number.</source>
        <translation>尚无要更改的内容：请勾选或清除复选框，或输入完整的数字。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Passive</source>
        <translation>被动</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>主动</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Default transfer mode:</source>
        <translation>默认传输模式：</translation>
    </message>
    <message>
        <source>Limit the local ports active mode listens on:</source>
        <translation>限制主动模式监听的本地端口：</translation>
    </message>
    <message>
        <source>your address as the server sees it</source>
        <translation>服务器看到的本机地址</translation>
    </message>
    <message>
        <source>External address for active mode:</source>
        <translation>主动模式的外部地址：</translation>
    </message>
    <message>
        <source>Transfer connections:</source>
        <translation>传输连接数：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language (after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Overwrite if the source is newer</source>
        <translation>如果源文件较新则覆盖</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>续传</translation>
    </message>
    <message>
        <source>Keep both (rename the new one)</source>
        <translation>两者都保留（重命名新文件）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>When the target file exists:</source>
        <translation>目标文件已存在时：</translation>
    </message>
    <message>
        <source>Show hidden files</source>
        <translation>显示隐藏文件</translation>
    </message>
    <message>
        <source>Ask before moving remote files dragged onto a remote folder</source>
        <translation>将远程文件拖放到远程文件夹上时，移动前先询问</translation>
    </message>
    <message>
        <source>FTP over TLS if available (ask before plain FTP)</source>
        <translation>如果可用则使用 FTP over TLS（使用明文 FTP 前询问）</translation>
    </message>
    <message>
        <source>Require explicit FTP over TLS</source>
        <translation>要求显式 FTP over TLS</translation>
    </message>
    <message>
        <source>Plain FTP (insecure)</source>
        <translation>明文 FTP（不安全）</translation>
    </message>
    <message>
        <source>Quick connect to a host or ftp:// address:</source>
        <translation>快速连接到主机或 ftp:// 地址时：</translation>
    </message>
    <message>
        <source>Servers always allowed plain FTP</source>
        <translation>总是允许使用明文 FTP 的服务器</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Servers always allowed plain FTP (asked about no more):</source>
        <translation>总是允许使用明文 FTP 的服务器（不再询问）：</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>忘记(&amp;F)</translation>
    </message>
    <message>
        <source>Certificates trusted (a forgotten one is asked about again):</source>
        <translation>受信任的证书（忘记后，下次连接会再次询问）：</translation>
    </message>
    <message>
        <source>The address PORT/EPRT names instead of this computer&apos;s own. Behind NAT it works only if the router also forwards the active port range (above) to this computer, or its FTP helper opens it.</source>
        <translation>PORT/EPRT 中用来代替本机地址的地址。位于 NAT 之后时，只有路由器同时把主动模式端口范围（见上方）转发到本机，或由它的 FTP 辅助模块放行，才会生效。</translation>
    </message>
    <message>
        <source>Upload files that symbolic links in a folder point to (inside it only)</source>
        <translation>上传文件夹中符号链接所指向的文件（仅限该文件夹内）</translation>
    </message>
    <message>
        <source>Binary (bytes exactly as they are)</source>
        <translation>二进制（字节原样传输）</translation>
    </message>
    <message>
        <source>ASCII (line ends converted)</source>
        <translation>ASCII（转换行尾）</translation>
    </message>
    <message>
        <source>Auto: ASCII for the extensions below, binary otherwise</source>
        <translation>自动：下列扩展名用 ASCII，其余用二进制</translation>
    </message>
    <message>
        <source>Transfer type:</source>
        <translation>传输类型：</translation>
    </message>
    <message>
        <source>Text file extensions (auto):</source>
        <translation>文本文件扩展名（自动）：</translation>
    </message>
    <message>
        <source>Also write the message log to a file (passwords masked)</source>
        <translation>同时将消息日志写入文件（密码已遮盖）</translation>
    </message>
    <message>
        <source>Log file size limit (then one older file is kept):</source>
        <translation>日志文件大小上限（超过后保留一个旧文件）：</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Send NOOP on an idle connection so that the server keeps it open</source>
        <translation>在空闲的连接上发送 NOOP，使服务器保持连接</translation>
    </message>
    <message>
        <source>Keep-alive when idle:</source>
        <translation>空闲时保持连接：</translation>
    </message>
    <message>
        <source>Editor for View and Edit:</source>
        <translation>查看和编辑所用的编辑器：</translation>
    </message>
    <message>
        <source>Editors by extension:</source>
        <translation>按扩展名选择编辑器：</translation>
    </message>
    <message>
        <source>Entries like “.txt = gedit”, separated by semicolons.</source>
        <translation>形如“.txt = gedit”的条目，用分号分隔。</translation>
    </message>
    <message>
        <source>The file's path is added at the end, or where %f is.</source>
        <translation>文件路径加在命令末尾，或放在 %f 所在之处。</translation>
    </message>
    <message>
        <source>Upload an edited file when it is saved, without asking</source>
        <translation>编辑的文件保存后直接上传，不再询问</translation>
    </message>
    <message>
        <source>the system's default application</source>
        <translation>系统默认的应用程序</translation>
    </message>
    <message>
        <source>Proxy (unless a site names its own):</source>
        <translation>代理（站点未指定自己的代理时）：</translation>
    </message>
    <message>
        <source>This computer&apos;s address as the server sees it (behind NAT: the router&apos;s public address).</source>
        <translation>服务器看到的本机地址（在 NAT 之后时，即路由器的公网地址）。</translation>
    </message>
    <message>
        <source>Connect in a new tab</source>
        <translation>在新标签页中连接</translation>
    </message>
    <message>
        <source>End that connection and connect in the same tab</source>
        <translation>断开该连接并在同一标签页中连接</translation>
    </message>
    <message>
        <source>Connecting while the tab is connected:</source>
        <translation>标签页已连接时再连接：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>The transfer queue could not be saved: {reason}</source>
        <translation>无法保存传输队列：{reason}</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>本地文件</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Remote file</source>
        <translation>远程文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Speed limited</source>
        <translation>受速度限制</translation>
    </message>
    <message>
        <source>ftpgui holds this transfer back to keep to the speed limit.</source>
        <translation>ftpgui 暂缓此传输，以遵守速度限制。</translation>
    </message>
    <message>
        <source>Awaiting reply</source>
        <translation>等待服务器响应</translation>
    </message>
    <message>
        <source>Every byte has been transferred; waiting for the server's reply.</source>
        <translation>所有字节均已传输，正在等待服务器的响应。</translation>
    </message>
    <message>
        <source>{size} ({n} bytes)</source>
        <translation>{size}（{n} 字节）</translation>
    </message>
    <message>
        <source>{said} — the server has {size}</source>
        <translation>{said}——服务器上有 {size}</translation>
    </message>
    <message>
        <source>Incomplete: the server has {size}</source>
        <translation>不完整：服务器上有 {size}</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>the target exists</source>
        <translation>目标文件已存在</translation>
    </message>
    <message>
        <source>the server&apos;s time is unknown</source>
        <translation>服务器上文件的时间未知</translation>
    </message>
    <message>
        <source>the local file is not older</source>
        <translation>本地文件并不更旧</translation>
    </message>
    <message>
        <source>already complete</source>
        <translation>已经完整</translation>
    </message>
    <message>
        <source>waiting for another item of the queue, which holds this file&apos;s unfinished download; it goes on once that one is finished or removed</source>
        <translation>正在等待队列中的另一项：此文件未完成的下载属于它；那一项完成或被移除后才继续</translation>
    </message>
    <message>
        <source>the server&apos;s file is not older</source>
        <translation>服务器上的文件并不更旧</translation>
    </message>
    <message>
        <source>too many folders in one transfer; not listed</source>
        <translation>一次传输中的文件夹过多；未列出</translation>
    </message>
    <message>
        <source>too many folder levels in one transfer; not listed</source>
        <translation>一次传输中的文件夹层级过多；未列出</translation>
    </message>
    <message>
        <source>a symbolic link to a folder on the server; not followed</source>
        <translation>服务器上指向文件夹的符号链接；未跟随</translation>
    </message>
    <message>
        <source>the same folder as one met before (MLSD unique); not followed</source>
        <translation>与之前遇到的某个文件夹是同一个（MLSD unique）；未跟随</translation>
    </message>
    <message>
        <source>not a regular file or folder</source>
        <translation>不是普通文件或文件夹</translation>
    </message>
    <message>
        <source>a symbolic link leading out of the folder; not followed</source>
        <translation>指向该文件夹之外的符号链接；未跟随</translation>
    </message>
    <message>
        <source>a symbolic link to a folder or to nothing; not followed</source>
        <translation>指向文件夹或不指向任何东西的符号链接；未跟随</translation>
    </message>
    <message>
        <source>a symbolic link; not followed (the preferences can upload links to files inside the folder)</source>
        <translation>符号链接；未跟随（可在首选项中设置上传指向该文件夹内文件的链接）</translation>
    </message>
    <message>
        <source>a line of this folder&apos;s listing could not be read; what it names is not copied: “{line}”</source>
        <translation>此文件夹列表中有一行无法读取；其所指的内容未被复制：“{line}”</translation>
    </message>
    <message>
        <source>resumed; the server gave no size to check that it is complete</source>
        <translation>已续传；服务器未给出文件大小，无法核对文件是否完整</translation>
    </message>
    <message>
        <source>too many entries in one transfer; not listed</source>
        <translation>一次传输中的条目过多；未列出</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <source>its server was not recorded (saved by an older ftpgui): queue it again</source>
        <translation>未记录其服务器（由旧版 ftpgui 保存）：请重新加入队列</translation>
    </message>
    <message>
        <source>Removed {path}: the unfinished download of a file taken off the queue.</source>
        <translation>已删除 {path}：这是一个已从队列移除的文件未完成的下载。</translation>
    </message>
    <message>
        <source>Kept {path}, the unfinished download of a file taken off the queue: it continued the file that was at {target} before (Resume), and holds that file&apos;s bytes.</source>
        <translation>已保留 {path}，这是一个已从队列移除的文件未完成的下载：它接着原先位于 {target} 的文件继续下载（“续传”），其中保存着该文件原有的字节。</translation>
    </message>
    <message>
        <source>Could not remove {path}, the unfinished download of a file taken off the queue: {reason}</source>
        <translation>无法删除 {path}（一个已从队列移除的文件未完成的下载）：{reason}</translation>
    </message>
    <message>
        <source>The saved queue could not be read ({reason}); it was kept as {path}.</source>
        <translation>无法读取保存的队列（{reason}）；已将其保留为 {path}。</translation>
    </message>
    <message>
        <source>The record of the uploads ftpgui had begun ({path}) is larger than {size} and was not read; it was kept as {aside}. An upload cut off last time asks before it writes over its file on the server.</source>
        <translation>ftpgui 已开始的上传的记录（{path}）大于 {size}，未被读取；已将其保留为 {aside}。上次被中断的上传在覆盖服务器上的文件之前会先询问。</translation>
    </message>
    <message>
        <source>The record of the uploads ftpgui had begun ({path}) could not be read; it was kept as {aside}. An upload cut off last time asks before it writes over its file on the server.</source>
        <translation>无法读取 ftpgui 已开始的上传的记录（{path}）；已将其保留为 {aside}。上次被中断的上传在覆盖服务器上的文件之前会先询问。</translation>
    </message>
    <message>
        <source>no password was given for its server</source>
        <translation>未提供其服务器的密码</translation>
    </message>
    <message>
        <source>{server} through the proxy {proxy}</source>
        <translation>{server}（经过代理 {proxy}）</translation>
    </message>
    <message>
        <source>no password was given for its proxy {proxy}</source>
        <translation>未提供其代理 {proxy} 的密码</translation>
    </message>
    <message>
        <source>queued to go {then}, and its site goes {now} now: not sent another way (set the proxy back, or queue it again)</source>
        <translation>加入队列时{then}，而该站点现在{now}：没有改走别的路径（请把代理改回去，或重新加入队列）</translation>
    </message>
    <message>
        <source>directly</source>
        <translation>直接连接</translation>
    </message>
    <message>
        <source>through the proxy {proxy}</source>
        <translation>经过代理 {proxy}</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove All</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <source>Speed limit:</source>
        <translation>速度限制：</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限制</translation>
    </message>
    <message>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <source>1 transferring</source>
        <translation>1 个传输中</translation>
    </message>
    <message>
        <source>{n} transferring</source>
        <translation>{n} 个传输中</translation>
    </message>
    <message>
        <source>1 folder not yet counted</source>
        <translation>1 个文件夹尚未计入</translation>
    </message>
    <message>
        <source>{n} folders not yet counted</source>
        <translation>{n} 个文件夹尚未计入</translation>
    </message>
    <message>
        <source>1 link not yet followed</source>
        <translation>1 个链接尚未跟随</translation>
    </message>
    <message>
        <source>{n} links not yet followed</source>
        <translation>{n} 个链接尚未跟随</translation>
    </message>
    <message>
        <source>{left} left</source>
        <translation>剩余 {left}</translation>
    </message>
    <message>
        <source>at least {left} left</source>
        <translation>剩余至少 {left}</translation>
    </message>
    <message>
        <source>{rate}/s</source>
        <translation>{rate}/秒</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{n} queued</source>
        <translation>{n} 个排队中</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>QuickConnectBar</name>
    <message>
        <source>host or ftp:// address</source>
        <translation>主机或 ftp:// 地址</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名（anonymous）</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Recent servers</source>
        <translation>最近的服务器</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name or address.</source>
        <translation>请输入服务器的主机名或地址。</translation>
    </message>
    <message>
        <source>The host name {host!r} is not valid.</source>
        <translation>主机名 {host!r} 无效。</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation>主机(&amp;O)：</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>连接(&amp;N)</translation>
    </message>
</context>
<context>
    <name>RemoteFileActions</name>
    <message>
        <source>{count} item(s) left unchanged: the server&apos;s listing does not give their permissions, and not every box was set (set every box, or type the whole number, to change them too): “{names}</source>
        <translation>{count} 个项目未更改：服务器的列表未给出其权限，且并非每个复选框都已设定（若也要更改它们，请设定每个复选框，或输入完整的数字）：“{names}</translation>
    </message>
    <message>
        <source>{action}: not possible, because the name {name} holds the control character {char}, which FTP cannot send to a server.</source>
        <translation>{action}：无法进行，因为名称 {name} 含有控制字符 {char}，FTP 无法把它发送给服务器。</translation>
    </message>
    <message>
        <source>{action}: not possible, because {n} of the selected names, {name} among them, hold control characters (CR, LF or NUL) that FTP cannot send to a server.</source>
        <translation>{action}：无法进行，因为所选名称中有 {n} 个（包括 {name}）含有 FTP 无法发送给服务器的控制字符（CR、LF 或 NUL）。</translation>
    </message>
    <message>
        <source>{action}: not possible, because this name names no file in the folder. {refusal}.</source>
        <translation>{action}：无法进行，因为此名称不指向该文件夹中的任何文件。{refusal}。</translation>
    </message>
    <message>
        <source>{action}: not possible, because {n} of the selected names name no file in the folder. The first: {refusal}.</source>
        <translation>{action}：无法进行，因为所选名称中有 {n} 个不指向该文件夹中的任何文件。第一个：{refusal}。</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>A folder named {name} already exists on {server}.</source>
        <translation>{server} 上已有名为 {name} 的文件夹。</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>请另选一个名称。</translation>
    </message>
    <message>
        <source>Nothing was moved.</source>
        <translation>没有移动任何内容。</translation>
    </message>
    <message>
        <source>{name} already exists on {server}. Replace it?</source>
        <translation>{server} 上已存在 {name}。要替换它吗？</translation>
    </message>
    <message>
        <source>These {n} files already exist on {server}:</source>
        <translation>{server} 上已存在以下 {n} 个文件：</translation>
    </message>
    <message>
        <source>Replace them?</source>
        <translation>要替换它们吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>{name!r} is not a valid name.</source>
        <translation>{name!r} 不是有效的名称。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Delete the {kind} “{name}” from the server?</source>
        <translation>要从服务器删除{kind}“{name}”吗？</translation>
    </message>
    <message>
        <source>Delete these {n} items from the server?</source>
        <translation>要从服务器删除这 {n} 项吗？</translation>
    </message>
    <message>
        <source>Folders are deleted with everything in them.</source>
        <translation>文件夹将连同其中的所有内容一起删除。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Create folder</source>
        <translation>创建目录</translation>
    </message>
    <message>
        <source>Name of the new folder in {folder}:</source>
        <translation>在 {folder} 中新建目录的名称：</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新目录</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} 项</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>RemoteModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Owner/Group</source>
        <translation>所有者/组</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Bytes this session&apos;s encoding cannot read are shown as codes such as \xd6.</source>
        <translation>此会话的编码无法读取的字节显示为 \xd6 这样的代码。</translation>
    </message>
    <message>
        <source>Read as {codec}: {name}</source>
        <translation>按 {codec} 读取：{name}</translation>
    </message>
    <message>
        <source>({count} bytes)</source>
        <translation>（共 {count} 字节）</translation>
    </message>
    <message>
        <source>Another name in this folder reads the same. This one was listed as {bytes}</source>
        <translation>此文件夹中另有一个名称与它读起来相同。这一个列出时的字节为 {bytes}</translation>
    </message>
    <message>
        <source>Another name in this folder reads the same. This one was listed in {codec} as {bytes}</source>
        <translation>此文件夹中另有一个名称与它读起来相同。这一个按 {codec} 读取，列出时的字节为 {bytes}</translation>
    </message>
    <message>
        <source>Another folder reads the same. This one was listed as {bytes}</source>
        <translation>另有一个文件夹与它读起来相同。这一个列出时的字节为 {bytes}</translation>
    </message>
    <message>
        <source>Another folder reads the same. This one was listed in {codec} as {bytes}</source>
        <translation>另有一个文件夹与它读起来相同。这一个按 {codec} 读取，列出时的字节为 {bytes}</translation>
    </message>
</context>
<context>
    <name>RemotePane</name>
    <message>
        <source>Remote folder</source>
        <translation>远程文件夹</translation>
    </message>
</context>
<context>
    <name>SiteManagerDialog</name>
    <message>
        <source>Site Manager</source>
        <translation>站点管理器</translation>
    </message>
    <message>
        <source>Saved sites</source>
        <translation>已保存的站点</translation>
    </message>
    <message>
        <source>New site</source>
        <translation>新站点</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新文件夹</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>New &amp;site</source>
        <translation>新站点(&amp;S)</translation>
    </message>
    <message>
        <source>New &amp;folder</source>
        <translation>新文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Ren&amp;ame</source>
        <translation>重命名(&amp;A)</translation>
    </message>
    <message>
        <source>Du&amp;plicate</source>
        <translation>创建副本(&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>From FileZilla…</source>
        <translation>从 FileZilla…</translation>
    </message>
    <message>
        <source>From an ftpgui export…</source>
        <translation>从 ftpgui 导出文件…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Sites:</source>
        <translation>站点：</translation>
    </message>
    <message>
        <source>Recent servers</source>
        <translation>最近的服务器</translation>
    </message>
    <message>
        <source>Save as site</source>
        <translation>保存为站点</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Transfer settings</source>
        <translation>传输设置</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Problems with this site</source>
        <translation>此站点的问题</translation>
    </message>
    <message>
        <source>Select a site to see its settings, or create one with “New site”.</source>
        <translation>选择一个站点以查看其设置，或用“新站点”创建一个。</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No usable keyring: you will be asked when you connect</source>
        <translation>没有可用的密钥环：连接时将询问您</translation>
    </message>
    <message>
        <source>Asked for when you connect</source>
        <translation>连接时询问</translation>
    </message>
    <message>
        <source>Kept in the system keyring; type to replace it</source>
        <translation>已保存在系统密钥环中；输入新密码即可替换</translation>
    </message>
    <message>
        <source>Will be kept in the system keyring</source>
        <translation>将保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Remembered until ftpgui closes; type to save one in the keyring</source>
        <translation>已记住直到 ftpgui 关闭；输入密码即可保存到密钥环</translation>
    </message>
    <message>
        <source>Remembered until ftpgui closes</source>
        <translation>已记住直到 ftpgui 关闭</translation>
    </message>
    <message>
        <source>The password of “{site}” will be copied; type to replace it</source>
        <translation>将复制“{site}”的密码；输入新密码即可替换</translation>
    </message>
    <message>
        <source>Enter a name for the site.</source>
        <translation>请输入站点名称。</translation>
    </message>
    <message>
        <source>A site&apos;s name may not contain “/”.</source>
        <translation>站点名称不能包含“/”。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name or address.</source>
        <translation>请输入服务器的主机名或地址。</translation>
    </message>
    <message>
        <source>The host may not contain spaces.</source>
        <translation>主机不能包含空格。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Enter a user name, or choose anonymous logon.</source>
        <translation>请输入用户名，或选择匿名登录。</translation>
    </message>
    <message>
        <source>“{codec}” is not an encoding ftpgui knows.</source>
        <translation>ftpgui 不认识编码“{codec}”。</translation>
    </message>
    <message>
        <source>The time offset must be within 24 hours.</source>
        <translation>时区偏移必须在 24 小时以内。</translation>
    </message>
    <message>
        <source>Transfer connections must be from 1 to {max}.</source>
        <translation>传输连接数必须在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>Invalid value: {field}</source>
        <translation>无效的值：{field}</translation>
    </message>
    <message>
        <source>“{site}” cannot be saved yet.</source>
        <translation>“{site}”暂时无法保存。</translation>
    </message>
    <message>
        <source>Could not save the sites: {reason}</source>
        <translation>无法保存站点：{reason}</translation>
    </message>
    <message>
        <source>Saving passwords in the system keyring…</source>
        <translation>正在将密码保存到系统密钥环…</translation>
    </message>
    <message>
        <source>Deleting passwords from the system keyring…</source>
        <translation>正在从系统密钥环中删除密码…</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
</context>
<context>
    <name>SiteTreeModel</name>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>A name may not be empty or contain &apos;/&apos;.</source>
        <translation>名称不能为空，也不能包含“/”。</translation>
    </message>
    <message>
        <source>There is already a folder named “{name}” here.</source>
        <translation>这里已有名为“{name}”的文件夹。</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Not tried: the server has stopped answering (the files before this one each waited for it in vain).</source>
        <translation>未尝试：服务器已不再响应（此前的文件都白白等待了它的响应）。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>The server refused {verb}: {code} {text}</source>
        <translation>服务器拒绝了 {verb}：{code} {text}</translation>
    </message>
    <message>
        <source>The server refused to change permissions: {code} {text}</source>
        <translation>服务器拒绝修改权限：{code} {text}</translation>
    </message>
    <message>
        <source>The folder {path} was not listed: this server's LIST may read its path as a pattern or as several paths, so it is listed from inside, and as the server answers no PWD this session could not come back from it. Give its path from the server's root, starting with /.</source>
        <translation>未列出文件夹 {path}：此服务器的 LIST 可能把它的路径当作通配模式或拆成几个路径来读，所以要进入该文件夹后再列出；而服务器不回答 PWD，本会话进去后就回不到原来的位置。请给出从服务器根目录开始、以 / 开头的路径。</translation>
    </message>
    <message>
        <source>The symbolic link leads to no folder this session can enter and to no file it can download (its target may be missing): the server refused RETR: {code} {text}</source>
        <translation>该符号链接既不指向本会话可进入的文件夹，也不指向可下载的文件（其目标可能不存在）：服务器拒绝了 RETR：{code} {text}</translation>
    </message>
    <message>
        <source>The server sent a reply line longer than {limit} bytes.</source>
        <translation>服务器发送的响应行超过 {limit} 字节。</translation>
    </message>
    <message>
        <source>Could not connect to {host} port {port}: timed out after {seconds} s</source>
        <translation>无法连接到 {host} 的端口 {port}：{seconds} 秒后超时</translation>
    </message>
    <message>
        <source>Could not find the server {host}: {reason}</source>
        <translation>找不到服务器 {host}：{reason}</translation>
    </message>
    <message>
        <source>Could not connect to {host} port {port}: {reason}</source>
        <translation>无法连接到 {host} 的端口 {port}：{reason}</translation>
    </message>
    <message>
        <source>The server did not greet us: {reply}</source>
        <translation>服务器没有发送欢迎消息：{reply}</translation>
    </message>
    <message>
        <source>The server refused the connection in its greeting: {code} {text}</source>
        <translation>服务器在欢迎消息中拒绝了连接：{code} {text}</translation>
    </message>
    <message>
        <source>The server sent {count} preliminary replies and no final one: {reply}</source>
        <translation>服务器发送了 {count} 个初步响应，却没有最终响应：{reply}</translation>
    </message>
    <message>
        <source>The server sent more after agreeing to TLS, before the handshake; refused.</source>
        <translation>服务器同意 TLS 后、在握手之前又发送了数据；已拒绝。</translation>
    </message>
    <message>
        <source>The command cannot be written in {encoding}: {command!r}</source>
        <translation>该命令无法用 {encoding} 编码写出：{command!r}</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending: {reason}</source>
        <translation>发送时与服务器的连接断开：{reason}</translation>
    </message>
    <message>
        <source>The server did not answer within {seconds} seconds.</source>
        <translation>服务器在 {seconds} 秒内没有响应。</translation>
    </message>
    <message>
        <source>The server did not answer within 1 second.</source>
        <translation>服务器在 1 秒内没有响应。</translation>
    </message>
    <message>
        <source>The server took the connection but did not greet us within {seconds} seconds. If this is an implicit-TLS server (FTPS, usually port 990), use ftps://.</source>
        <translation>服务器接受了连接，但在 {seconds} 秒内没有发来欢迎信息。如果这是隐式 TLS 服务器（FTPS，通常为 990 端口），请使用 ftps://。</translation>
    </message>
    <message>
        <source>The server took the connection but did not greet us within 1 second. If this is an implicit-TLS server (FTPS, usually port 990), use ftps://.</source>
        <translation>服务器接受了连接，但在 1 秒内没有发来欢迎信息。如果这是隐式 TLS 服务器（FTPS，通常为 990 端口），请使用 ftps://。</translation>
    </message>
    <message>
        <source>The connection to the server was lost: {reason}</source>
        <translation>与服务器的连接断开：{reason}</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>服务器关闭了连接。</translation>
    </message>
    <message>
        <source>The server sent a NUL byte in a reply.</source>
        <translation>服务器在响应中发送了 NUL 字节。</translation>
    </message>
    <message>
        <source>The server&apos;s reply is not FTP: {reply!r}</source>
        <translation>服务器的响应不是 FTP 响应：{reply!r}</translation>
    </message>
    <message>
        <source>The server&apos;s reply is too long (over {lines} lines or {size} bytes).</source>
        <translation>服务器的响应过长（超过 {lines} 行或 {size} 字节）。</translation>
    </message>
    <message>
        <source>The server&apos;s reply has an invalid code: {reply!r}</source>
        <translation>服务器的响应代码无效：{reply!r}</translation>
    </message>
    <message>
        <source>The server is closing the connection: {reply}</source>
        <translation>服务器正在关闭连接：{reply}</translation>
    </message>
    <message>
        <source>Cancelled while waiting for the server&apos;s data connection.</source>
        <translation>等待服务器建立数据连接时已取消。</translation>
    </message>
    <message>
        <source>Cancelled while waiting for the server&apos;s reply; the connection was closed.</source>
        <translation>等待服务器响应时已取消；连接已关闭。</translation>
    </message>
    <message>
        <source>Cancelled while looking up the address of {host}.</source>
        <translation>查找 {host} 的地址时已取消。</translation>
    </message>
    <message>
        <source>Cancelled while waiting for the proxy {proxy}.</source>
        <translation>等待代理 {proxy} 时已取消。</translation>
    </message>
    <message>
        <source>The server refused TLS (AUTH TLS: {code} {text}); not continuing.</source>
        <translation>服务器拒绝了 TLS（AUTH TLS：{code} {text}）；不再继续。</translation>
    </message>
    <message>
        <source>The server answered AUTH TLS with {reply!r}, not 234; not continuing.</source>
        <translation>服务器对 AUTH TLS 的响应是 {reply!r}，而不是 234；不再继续。</translation>
    </message>
    <message>
        <source>{host} answered in plain text, not TLS: this port is not one for implicit FTPS (ftps://). Try ftpes:// (TLS asked for after connecting) or ftp://.</source>
        <translation>{host} 以明文响应，而不是 TLS：此端口不是隐式 FTPS（ftps://）端口。请尝试 ftpes://（连接后再请求 TLS）或 ftp://。</translation>
    </message>
    <message>
        <source>{host} port {port} spoke TLS with a certificate that could not be verified ({reason}), then refused TLS when connected to again: not continuing. Someone between you and the server may be changing the connection.</source>
        <translation>{host} 端口 {port} 先以无法验证的证书（{reason}）使用 TLS，再次连接时却拒绝 TLS：不再继续。您与服务器之间可能有人在篡改连接。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} failed: {reason}</source>
        <translation>与 {host} 的 TLS 握手失败：{reason}</translation>
    </message>
    <message>
        <source>{host} agreed to TLS (234 to AUTH TLS), then the TLS handshake failed: {reason}. Not continuing, not in plain text either: nothing about your account was sent. The server&apos;s TLS may be broken, or someone on the way may be interfering.</source>
        <translation>{host} 已同意使用 TLS（对 AUTH TLS 响应 234），随后 TLS 握手却失败了：{reason}。不再继续，也不会改用明文：您的账户信息一概没有发送。可能是服务器的 TLS 有故障，也可能是途中有人在干扰连接。</translation>
    </message>
    <message>
        <source>The server refused to encrypt data connections: {code} {text}</source>
        <translation>服务器拒绝加密数据连接：{code} {text}</translation>
    </message>
    <message>
        <source>The server&apos;s SIZE reply is no byte count: {reply!r}</source>
        <translation>服务器对 SIZE 的响应不是字节数：{reply!r}</translation>
    </message>
    <message>
        <source>The download is incomplete: {got} of {total} bytes.</source>
        <translation>下载不完整：{total} 字节中只收到 {got} 字节。</translation>
    </message>
    <message>
        <source>Another transfer replaced the temporary file {path} while this one wrote it; nothing was renamed to the file&apos;s name.</source>
        <translation>本次传输写入期间，另一个传输替换了临时文件 {path}；没有任何文件被重命名为目标文件名。</translation>
    </message>
    <message>
        <source>The folder {folder} was deleted during the download; the file was not saved.</source>
        <translation>下载期间文件夹 {folder} 被删除；文件未保存。</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>Cancelled before the transfer started.</source>
        <translation>传输开始前已取消。</translation>
    </message>
    <message>
        <source>Cancelled after {done} bytes.</source>
        <translation>已传输 {done} 字节后取消。</translation>
    </message>
    <message>
        <source>The transfer stalled: No data moved for {seconds} seconds.</source>
        <translation>传输停滞：{seconds} 秒内没有数据传输。</translation>
    </message>
    <message>
        <source>The transfer stalled: No data moved for 1 second.</source>
        <translation>传输停滞：1 秒内没有数据传输。</translation>
    </message>
    <message>
        <source>The listing is larger than {limit} bytes; stopped.</source>
        <translation>目录列表超过 {limit} 字节；已停止。</translation>
    </message>
    <message>
        <source>The data connection broke: {reason} (server: {reply})</source>
        <translation>数据连接中断：{reason}（服务器：{reply}）</translation>
    </message>
    <message>
        <source>The data connection broke: {reason}</source>
        <translation>数据连接中断：{reason}</translation>
    </message>
    <message>
        <source>The encrypted data connection ended without TLS close_notify after {done} of {total} bytes: the data may have been cut short.</source>
        <translation>加密的数据连接在传输 {total} 字节中的 {done} 字节后结束，且没有 TLS close_notify：数据可能不完整。</translation>
    </message>
    <message>
        <source>The encrypted data connection ended without TLS close_notify after {done} bytes: the data may have been cut short.</source>
        <translation>加密的数据连接在传输 {done} 字节后结束，且没有 TLS close_notify：数据可能不完整。</translation>
    </message>
    <message>
        <source>Cancelled during the data connection&apos;s TLS handshake.</source>
        <translation>数据连接的 TLS 握手过程中已取消。</translation>
    </message>
    <message>
        <source>The data connection&apos;s TLS handshake failed: timed out</source>
        <translation>数据连接的 TLS 握手失败：超时</translation>
    </message>
    <message>
        <source>The data connection&apos;s TLS handshake failed: timed out (server: {reply})</source>
        <translation>数据连接的 TLS 握手失败：超时（服务器：{reply}）</translation>
    </message>
    <message>
        <source>The data connection&apos;s TLS handshake failed: {reason}</source>
        <translation>数据连接的 TLS 握手失败：{reason}</translation>
    </message>
    <message>
        <source>The data connection&apos;s TLS handshake failed: {reason} (server: {reply})</source>
        <translation>数据连接的 TLS 握手失败：{reason}（服务器：{reply}）</translation>
    </message>
    <message>
        <source>The data connection presented another certificate than the control connection.</source>
        <translation>数据连接出示的证书与控制连接的证书不同。</translation>
    </message>
    <message>
        <source>The data connection presented another certificate than the control connection. (server: {reply})</source>
        <translation>数据连接出示的证书与控制连接的证书不同。（服务器：{reply}）</translation>
    </message>
    <message>
        <source>The server answered EPSV with {reply!r}.</source>
        <translation>服务器对 EPSV 的响应是 {reply!r}。</translation>
    </message>
    <message>
        <source>Cancelled while connecting the data connection.</source>
        <translation>建立数据连接时已取消。</translation>
    </message>
    <message>
        <source>Connecting to the server&apos;s data port {address} timed out after {seconds} s.</source>
        <translation>连接服务器的数据端口 {address} 时 {seconds} 秒后超时。</translation>
    </message>
    <message>
        <source>Connecting to the server&apos;s data port {address} failed: {reason}.</source>
        <translation>连接服务器的数据端口 {address} 失败：{reason}。</translation>
    </message>
    <message>
        <source>Could not open a port to listen on: {reason}</source>
        <translation>无法打开用于监听的端口：{reason}</translation>
    </message>
    <message>
        <source>The server could not, or would not, connect to {host} port {port}: {code} {text}</source>
        <translation>服务器没能（或不肯）连接到 {host} 的端口 {port}：{code} {text}</translation>
    </message>
    <message>
        <source>The server could not open the data connection: {code} {text}</source>
        <translation>服务器无法建立数据连接：{code} {text}</translation>
    </message>
    <message>
        <source>The server did not connect to {host} port {port} within {seconds} s.</source>
        <translation>服务器没有在 {seconds} 秒内连接到 {host} 的端口 {port}。</translation>
    </message>
    <message>
        <source>A connection to port {port} came from {stranger}, not from the server ({server}): refused.</source>
        <translation>到端口 {port} 的连接来自 {stranger}，而不是服务器（{server}）：已拒绝。</translation>
    </message>
    <message>
        <source>Could not rename {source} to {target}: {reason}</source>
        <translation>无法将 {source} 重命名为 {target}：{reason}</translation>
    </message>
    <message>
        <source>The server reported the transfer as failed: {code} {text}</source>
        <translation>服务器报告传输失败：{code} {text}</translation>
    </message>
    <message>
        <source>The server sent {count} preliminary (1xx) replies after the data and no final reply; the transfer&apos;s outcome is unknown.</source>
        <translation>服务器在数据之后发送了 {count} 个初步（1xx）响应，却没有最终响应；传输结果未知。</translation>
    </message>
    <message>
        <source>The server answered the transfer with {reply!r}, which is no final reply; its outcome is unknown.</source>
        <translation>服务器对传输的响应是 {reply!r}，这不是最终响应；传输结果未知。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name is empty</source>
        <translation>不安全的名称 {name!r}：名称为空</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name refers to a directory itself</source>
        <translation>不安全的名称 {name!r}：名称指向目录本身</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name contains a path separator</source>
        <translation>不安全的名称 {name!r}：名称包含路径分隔符</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name contains a NUL byte</source>
        <translation>不安全的名称 {name!r}：名称包含 NUL 字节</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name contains a control character</source>
        <translation>不安全的名称 {name!r}：名称包含控制字符</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the name starts with a drive letter</source>
        <translation>不安全的名称 {name!r}：名称以驱动器号开头</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: the path leads outside the target folder</source>
        <translation>不安全的名称 {name!r}：路径指向目标文件夹之外</translation>
    </message>
    <message>
        <source>The server&apos;s EPSV reply is malformed: {reply}</source>
        <translation>服务器的 EPSV 响应格式错误：{reply}</translation>
    </message>
    <message>
        <source>Refused to send a command containing {name}: {command}</source>
        <translation>拒绝发送包含 {name} 的命令：{command}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply has no address in it: {reply}</source>
        <translation>服务器的 PASV 响应中没有地址：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply has a number over 255: {reply}</source>
        <translation>服务器的 PASV 响应中有大于 255 的数字：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply names port {port}, outside 1–65535: {reply}</source>
        <translation>服务器的 PASV 响应给出的端口 {port} 不在 1–65535 之内：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s EPSV reply uses an invalid delimiter: {reply}</source>
        <translation>服务器的 EPSV 响应使用了无效的分隔符：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s EPSV reply names port {port}, outside 1–65535</source>
        <translation>服务器的 EPSV 响应给出的端口 {port} 不在 1–65535 之内</translation>
    </message>
    <message>
        <source>Not a PORT argument: {argument}</source>
        <translation>不是有效的 PORT 参数：{argument}</translation>
    </message>
    <message>
        <source>Not an EPRT argument: {argument}</source>
        <translation>不是有效的 EPRT 参数：{argument}</translation>
    </message>
    <message>
        <source>The server&apos;s 257 reply names a path with a line break or NUL: {path}</source>
        <translation>服务器的 257 响应给出的路径含有换行符或 NUL：{path}</translation>
    </message>
    <message>
        <source>The server&apos;s 257 reply names no directory: {reply}</source>
        <translation>服务器的 257 响应没有给出目录：{reply}</translation>
    </message>
    <message>
        <source>Not a time stamp: {text}</source>
        <translation>不是时间戳：{text}</translation>
    </message>
    <message>
        <source>Not a valid time stamp: {text}</source>
        <translation>不是有效的时间戳：{text}</translation>
    </message>
    <message>
        <source>The name {name} cannot be written in the session&apos;s encoding ({codec}).</source>
        <translation>名称 {name} 无法用本会话的编码（{codec}）表示。</translation>
    </message>
    <message>
        <source>The URL&apos;s host or port cannot be read. In a user name or password, write # as %23, / as %2F, ? as %3F and @ as %40.</source>
        <translation>无法读取该 URL 的主机或端口。用户名或密码中的 # 请写成 %23，/ 写成 %2F，? 写成 %3F，@ 写成 %40。</translation>
    </message>
    <message>
        <source>The URL contains #, which an FTP URL cannot carry. In a user name, password or path, write # as %23 (and / as %2F, ? as %3F, @ as %40 in a user name or password).</source>
        <translation>该 URL 含有 #，而 FTP URL 不能包含它。用户名、密码或路径中的 # 请写成 %23（用户名或密码中的 / 写成 %2F，? 写成 %3F，@ 写成 %40）。</translation>
    </message>
    <message>
        <source>The URL contains ?, which an FTP URL cannot carry. In a user name, password or path, write ? as %3F (and # as %23, / as %2F, @ as %40 in a user name or password).</source>
        <translation>该 URL 含有 ?，而 FTP URL 不能包含它。用户名、密码或路径中的 ? 请写成 %3F（用户名或密码中的 # 写成 %23，/ 写成 %2F，@ 写成 %40）。</translation>
    </message>
    <message>
        <source>The URL has an @ after its host. In a path, write @ as %40; in a user name or password, write # as %23, / as %2F, ? as %3F and @ as %40.</source>
        <translation>该 URL 在主机之后还有 @。路径中的 @ 请写成 %40；用户名或密码中的 # 请写成 %23，/ 写成 %2F，? 写成 %3F，@ 写成 %40。</translation>
    </message>
    <message>
        <source>The URL names no host. In a user name or password, write # as %23, / as %2F, ? as %3F and @ as %40.</source>
        <translation>该 URL 没有指定主机。用户名或密码中的 # 请写成 %23，/ 写成 %2F，? 写成 %3F，@ 写成 %40。</translation>
    </message>
    <message>
        <source>The URL contains CR, LF or NUL, which FTP cannot carry.</source>
        <translation>该 URL 含有 CR、LF 或 NUL，FTP 无法传递。</translation>
    </message>
    <message>
        <source>Not an MLSD line: {line}</source>
        <translation>不是 MLSD 行：{line}</translation>
    </message>
    <message>
        <source>Not an MLSD fact: {fact}</source>
        <translation>不是 MLSD 事实字段：{fact}</translation>
    </message>
    <message>
        <source>The server&apos;s MLSD listing could not be read: {reason}</source>
        <translation>无法读取服务器的 MLSD 列表：{reason}</translation>
    </message>
    <message>
        <source>{host} port {port} refused TLS (AUTH TLS: {reply}).</source>
        <translation>{host} 端口 {port} 拒绝了 TLS（AUTH TLS：{reply}）。</translation>
    </message>
    <message>
        <source>{host} port {port} does not offer TLS (its FEAT lists no AUTH).</source>
        <translation>{host} 端口 {port} 不提供 TLS（其 FEAT 中没有 AUTH）。</translation>
    </message>
    <message>
        <source>Only ftp://, ftpes:// and ftps:// URLs are supported, not {scheme}</source>
        <translation>只支持 ftp://、ftpes:// 和 ftps:// 地址，不支持 {scheme}</translation>
    </message>
    <message>
        <source>Only ftp://, ftpes:// and ftps:// URLs are supported.</source>
        <translation>只支持 ftp://、ftpes:// 和 ftps:// 地址。</translation>
    </message>
    <message>
        <source>No data moved for {seconds} seconds.</source>
        <translation>{seconds} 秒内没有传输任何数据。</translation>
    </message>
    <message>
        <source>No data moved for 1 second.</source>
        <translation>1 秒内没有传输任何数据。</translation>
    </message>
    <message>
        <source>The file changed while it was being uploaded: {path}</source>
        <translation>文件在上传过程中发生了变化：{path}</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: a symbolic link; not followed</source>
        <translation>不安全的名称 {name!r}：这是符号链接，不跟随</translation>
    </message>
    <message>
        <source>Not enough space in {path}: {needed} bytes needed, {free} bytes free.</source>
        <translation>{path} 空间不足：需要 {needed} 字节，可用 {free} 字节。</translation>
    </message>
    <message>
        <source>Not enough space in {path} while other downloads are under way: {needed} bytes needed, {free} bytes free, {held} bytes of them still to be written by the other downloads. Retry once they have finished.</source>
        <translation>其他下载正在进行，{path} 空间不足：需要 {needed} 字节，可用 {free} 字节，其中 {held} 字节仍要由其他下载写入。请在它们完成后重试。</translation>
    </message>
    <message>
        <source>The server sent more than the {total} bytes it announced; the rest was not written.</source>
        <translation>服务器发送的数据超过了它声明的 {total} 字节；多出的部分未写入。</translation>
    </message>
    <message>
        <source>Unsafe name {name!r}: a folder on the way is a symbolic link or not a folder (it may have been swapped)</source>
        <translation>不安全的名称 {name!r}：路径中的某个文件夹是符号链接或不是文件夹（可能已被替换）</translation>
    </message>
    <message>
        <source>{name!r} is a file here, not a folder, so the folder cannot be made.</source>
        <translation>{name!r} 在这里是一个文件，不是文件夹，因此无法创建该文件夹。</translation>
    </message>
    <message>
        <source>{name!r} in {folder} is a symbolic link to a place outside that folder; ftpgui does not write through links. Remove or rename the link, then try again.</source>
        <translation>{folder} 中的 {name!r} 是一个指向该文件夹之外的符号链接；ftpgui 不会通过链接写入。请删除或重命名该链接，然后重试。</translation>
    </message>
    <message>
        <source>The folder chosen for this download, {path}, is no longer there: it is not made again.</source>
        <translation>为此下载选择的文件夹 {path} 已不存在：不会重新创建它。</translation>
    </message>
    <message>
        <source>{name} is a link; ftpgui does not write through links: to continue the file it leads to ({path}), give that file this name in the link&apos;s place; Overwrite replaces the link.</source>
        <translation>{name} 是一个链接；ftpgui 不会通过链接写入：要续传它指向的文件（{path}），请让该文件以此名称取代该链接；覆盖会替换该链接。</translation>
    </message>
    <message>
        <source>{name!r} is a file here, not a folder.</source>
        <translation>{name!r} 在这里是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Could not create the folder {path}: {reason}</source>
        <translation>无法创建文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>its name holds the control character {char}, which FTP cannot send to a server; not downloaded</source>
        <translation>其名称含有控制字符 {char}，FTP 无法把它发送给服务器；未下载</translation>
    </message>
    <message>
        <source>Could not open the folder {path}: {reason}</source>
        <translation>无法打开文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>The transfer process ended before its work was done.</source>
        <translation>传输进程在工作完成前就结束了。</translation>
    </message>
    <message>
        <source>The transfer process could not start: {reason}</source>
        <translation>传输进程无法启动：{reason}</translation>
    </message>
    <message>
        <source>The transfer process could not read what ftpgui sent it ({reason}) and ended. If ftpgui was updated while it ran, restart it.</source>
        <translation>传输进程无法读取 ftpgui 发给它的内容（{reason}），已经结束。如果 ftpgui 在运行期间被更新过，请重新启动它。</translation>
    </message>
    <message>
        <source>Unexpected error ({kind}: {detail}). This may be a bug in ftpgui; please report it.</source>
        <translation>意外错误（{kind}：{detail}）。这可能是 ftpgui 的缺陷，请报告。</translation>
    </message>
    <message>
        <source>The server&apos;s reply was still not complete after {seconds} seconds (it sent {size} bytes); gave up.</source>
        <translation>服务器的响应在 {seconds} 秒后仍未完整（已发送 {size} 字节）；已放弃。</translation>
    </message>
    <message>
        <source>The server&apos;s reply was still not complete after 1 second (it sent {size} bytes); gave up.</source>
        <translation>服务器的响应在 1 秒后仍未完整（已发送 {size} 字节）；已放弃。</translation>
    </message>
    <message>
        <source>The listing did not finish within {seconds} seconds; stopped.</source>
        <translation>目录列表未能在 {seconds} 秒内完成；已停止。</translation>
    </message>
    <message>
        <source>The listing did not finish within 1 second; stopped.</source>
        <translation>目录列表未能在 1 秒内完成；已停止。</translation>
    </message>
    <message>
        <source>A proxy address has no path: “{text}”.</source>
        <translation>代理地址不能带路径：“{text}”。</translation>
    </message>
    <message>
        <source>Active mode cannot work through the HTTP proxy {proxy}: an HTTP proxy only connects outward (CONNECT) and cannot accept the server's connection back to ftpgui. Use passive mode with this proxy.</source>
        <translation>主动模式无法通过 HTTP 代理 {proxy} 工作：HTTP 代理只能向外连接（CONNECT），不能接受服务器连回 ftpgui 的连接。请对这个代理使用被动模式。</translation>
    </message>
    <message>
        <source>Active mode cannot work through the SOCKS5 proxy {proxy}: it refused to listen for the server's connection (SOCKS BIND: {reason}). Use passive mode with this proxy.</source>
        <translation>主动模式无法通过 SOCKS5 代理 {proxy} 工作：它拒绝替 ftpgui 等待服务器的连接（SOCKS BIND：{reason}）。请对这个代理使用被动模式。</translation>
    </message>
    <message>
        <source>Could not connect to the proxy {proxy}: {reason}</source>
        <translation>无法连接到代理 {proxy}：{reason}</translation>
    </message>
    <message>
        <source>Leave the proxy password out of the address (others could read it there); ftpgui asks for it, or reads it from FTPGUI_PROXY_PASSWORD.</source>
        <translation>请不要把代理密码写在地址里（别人可能在那里看到它）；ftpgui 会询问密码，或从 FTPGUI_PROXY_PASSWORD 读取。</translation>
    </message>
    <message>
        <source>The proxy needs a host name or address.</source>
        <translation>代理需要主机名或地址。</translation>
    </message>
    <message>
        <source>The proxy port must be between 1 and 65535, not {port}.</source>
        <translation>代理端口必须在 1 到 65535 之间，而不是 {port}。</translation>
    </message>
    <message>
        <source>The proxy user name and password must be plain ASCII for {kind}.</source>
        <translation>{kind} 代理的用户名和密码只能使用 ASCII 字符。</translation>
    </message>
    <message>
        <source>The proxy {proxy} accepts none of the ways ftpgui offered to log in (it may need a user and password).</source>
        <translation>代理 {proxy} 不接受 ftpgui 提供的任何登录方式（它可能需要用户名和密码）。</translation>
    </message>
    <message>
        <source>The proxy {proxy} could not connect to {host} port {port}: {reason}</source>
        <translation>代理 {proxy} 无法连接到 {host} 端口 {port}：{reason}</translation>
    </message>
    <message>
        <source>The proxy {proxy} did not answer within {seconds} s.</source>
        <translation>代理 {proxy} 在 {seconds} 秒内没有应答。</translation>
    </message>
    <message>
        <source>The proxy {proxy} refused the user name or password.</source>
        <translation>代理 {proxy} 拒绝了用户名或密码。</translation>
    </message>
    <message>
        <source>The server did not connect to the proxy's port {address} within {seconds} s.</source>
        <translation>服务器没有在 {seconds} 秒内连接到代理的端口 {address}。</translation>
    </message>
    <message>
        <source>Unknown proxy type “{kind}”: use one of {kinds}.</source>
        <translation>未知的代理类型“{kind}”：请使用 {kinds} 之一。</translation>
    </message>
    <message>
        <source>Write the proxy as socks5://host:port or http://host:port, not “{text}”.</source>
        <translation>请把代理写成 socks5://主机:端口 或 http://主机:端口，而不是“{text}”。</translation>
    </message>
    <message>
        <source>The server gave no size for the file, so nothing says that {path} is the start of it: it was not resumed, and it is left as it is.</source>
        <translation>服务器没有给出该文件的大小，无从确定 {path} 是它的开头部分：未续传，本地文件保持原样。</translation>
    </message>
    <message>
        <source>{path} is larger than the server&apos;s file ({have} bytes, the server&apos;s {total}): it is not the start of it, so it was not resumed, and it is left as it is.</source>
        <translation>{path} 比服务器上的文件大（{have} 字节，服务器上的为 {total} 字节）：它不是该文件的开头部分，因此未续传，本地文件保持原样。</translation>
    </message>
    <message>
        <source>The last {count} bytes of {path} do not match the server&apos;s file at that point: it is not a part of it. Not resumed; nothing was changed.</source>
        <translation>{path} 的最后 {count} 字节与服务器上文件在该位置的内容不一致：它不是该文件的一部分。未续传；未做任何更改。</translation>
    </message>
    <message>
        <source>The last {count} bytes of {remote} on the server do not match {path} at that point: the file on the server is not the start of this file. Not resumed; nothing was changed.</source>
        <translation>服务器上 {remote} 的最后 {count} 字节与 {path} 在该位置的内容不一致：服务器上的文件不是此文件的开头部分。未续传；未做任何更改。</translation>
    </message>
    <message>
        <source>The server&apos;s file {remote} is larger than {path} ({have} bytes, the local file&apos;s {total}): it is not the start of it, so it was not resumed, and it is left as it is.</source>
        <translation>服务器上的文件 {remote} 比 {path} 大（{have} 字节，本地文件为 {total} 字节）：它不是本地文件的开头部分，因此未续传，服务器上的文件保持原样。</translation>
    </message>
    <message>
        <source>The server has {remote} but does not say its size, so nothing says where {path} would continue: it was not resumed, and the server&apos;s file is left as it is (upload without resuming to replace it).</source>
        <translation>服务器上有 {remote}，但不告知它的大小，因此无从知道 {path} 应从哪里续传：它未续传，服务器上的文件保持原样（不续传地上传即可替换它）。</translation>
    </message>
    <message>
        <source>The server asks for an account (ACCT) besides the user name and password, and none was given: {code} {text}</source>
        <translation>除了用户名和密码，服务器还要求一个账户（ACCT），但没有给出账户：{code} {text}</translation>
    </message>
</context>
<context>
    <name>explain</name>
    <message>
        <source>Disk full: there is no space left on the device.</source>
        <translation>磁盘已满：设备上没有剩余空间。</translation>
    </message>
    <message>
        <source>The certificate of {host} port {port} is not trusted ({reason}): subject {subject}, issuer {issuer}, valid from {not_before} to {not_after}, SHA-256 fingerprint {fingerprint}.</source>
        <translation>{host} 端口 {port} 的证书不受信任（{reason}）：主题 {subject}，颁发者 {issuer}，有效期 {not_before} 至 {not_after}，SHA-256 指纹 {fingerprint}。</translation>
    </message>
    <message>
        <source>Login failed: the server did not accept the user name or password.</source>
        <translation>登录失败：服务器不接受该用户名或密码。</translation>
    </message>
    <message>
        <source>The encrypted (TLS) data connection failed. Servers such as vsftpd refuse a data connection that does not resume the control connection&apos;s TLS session, and some firewalls or proxies break TLS on data ports.</source>
        <translation>加密（TLS）数据连接失败。vsftpd 等服务器会拒绝没有复用控制连接 TLS 会话的数据连接，有些防火墙或代理也会破坏数据端口上的 TLS。</translation>
    </message>
    <message>
        <source>Passive mode works: we connected to the data port the server opened.</source>
        <translation>被动模式可用：我们连上了服务器打开的数据端口。</translation>
    </message>
    <message>
        <source>Active mode works: the server connected back to the port we opened.</source>
        <translation>主动模式可用：服务器连回了我们打开的端口。</translation>
    </message>
    <message>
        <source>It worked.</source>
        <translation>成功了。</translation>
    </message>
    <message>
        <source>The data connection failed for a reason ftpgui cannot classify; see the log.</source>
        <translation>数据连接失败，ftpgui 无法判断原因；请查看日志。</translation>
    </message>
    <message>
        <source>The data connection failed for a reason ftpgui cannot classify; run again with -v to see the exchange with the server.</source>
        <translation>数据连接失败，ftpgui 无法判断原因；请加上 -v 再运行一次，以查看与服务器的交互。</translation>
    </message>
    <message>
        <source>The data connection failed for a reason ftpgui cannot classify; the exchange with the server is above.</source>
        <translation>数据连接失败，ftpgui 无法判断原因；与服务器的交互见上方。</translation>
    </message>
    <message>
        <source>The data connection failed for a reason ftpgui cannot classify; transcript.txt has the exchange with the server.</source>
        <translation>数据连接失败，ftpgui 无法判断原因；与服务器的交互见 transcript.txt。</translation>
    </message>
    <message>
        <source>The transfer mode must be one of {modes}, not “{mode}”.</source>
        <translation>传输模式必须是 {modes} 之一，而不是“{mode}”。</translation>
    </message>
    <message>
        <source>The active-mode port range {low}-{high} must lie within 1024–65535, low first.</source>
        <translation>主动模式端口范围 {low}-{high} 必须在 1024–65535 之内，且小的在前。</translation>
    </message>
    <message>
        <source>Transfer connections must be between 1 and {max}.</source>
        <translation>传输连接数必须在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>The timeout must be between 1 and 600 seconds.</source>
        <translation>超时必须在 1 到 600 秒之间。</translation>
    </message>
    <message>
        <source>The external address for active mode must be an IP address, not “{address}”.</source>
        <translation>主动模式的外部地址必须是 IP 地址，而不是“{address}”。</translation>
    </message>
    <message>
        <source>Unknown choice for existing files: “{choice}”.</source>
        <translation>未知的已存在文件处理方式：“{choice}”。</translation>
    </message>
    <message>
        <source>The settings file does not hold a JSON object.</source>
        <translation>设置文件中不是一个 JSON 对象。</translation>
    </message>
    <message>
        <source>The settings file has a value of the wrong kind: {detail}.</source>
        <translation>设置文件中有类型错误的值：{detail}。</translation>
    </message>
    <message>
        <source>The settings file {path} is not valid JSON: {detail}.</source>
        <translation>设置文件 {path} 不是有效的 JSON：{detail}。</translation>
    </message>
    <message>
        <source>the file is larger than {mib} MiB</source>
        <translation>文件大于 {mib} MiB</translation>
    </message>
    <message>
        <source>the file declares a DOCTYPE or entities, which a FileZilla site list never does</source>
        <translation>该文件声明了 DOCTYPE 或实体，而 FileZilla 站点列表从不这样做</translation>
    </message>
    <message>
        <source>the file is not well-formed XML ({detail})</source>
        <translation>该文件不是格式正确的 XML（{detail}）</translation>
    </message>
    <message>
        <source>{protocol} is not FTP; ftpgui speaks FTP and FTPS only</source>
        <translation>{protocol} 不是 FTP；ftpgui 只支持 FTP 和 FTPS</translation>
    </message>
    <message>
        <source>it has no host</source>
        <translation>它没有主机</translation>
    </message>
    <message>
        <source>a folder more than {depth} folders deep; skipped with everything in it</source>
        <translation>文件夹嵌套超过 {depth} 层；已连同其中的一切跳过</translation>
    </message>
    <message>
        <source>port {port} is out of range; 21 used</source>
        <translation>端口 {port} 超出范围；已改用 21</translation>
    </message>
    <message>
        <source>the account (ACCT) is not imported</source>
        <translation>账户（ACCT）未导入</translation>
    </message>
    <message>
        <source>the saved password could not be decoded; you will be asked for it</source>
        <translation>无法解码保存的密码；连接时将询问您</translation>
    </message>
    <message>
        <source>the password is protected by FileZilla&apos;s master password; you will be asked for it</source>
        <translation>密码受 FileZilla 主密码保护；连接时将询问您</translation>
    </message>
    <message>
        <source>the password&apos;s encoding “{encoding}” is unknown; you will be asked for it</source>
        <translation>密码的编码“{encoding}”未知；连接时将询问您</translation>
    </message>
    <message>
        <source>the encoding “{codec}” is unknown; automatic detection used</source>
        <translation>编码“{codec}”未知；已改用自动检测</translation>
    </message>
    <message>
        <source>the time offset is out of range; 0 used</source>
        <translation>时区偏移超出范围；已改用 0</translation>
    </message>
    <message>
        <source>the default remote folder could not be read</source>
        <translation>无法读取默认远程目录</translation>
    </message>
    <message>
        <source>no user name was saved; you will be asked for the password</source>
        <translation>未保存用户名；连接时将询问密码</translation>
    </message>
    <message>
        <source>the root element is &lt;{tag}&gt;, not &lt;FileZilla3&gt;: not a FileZilla site list</source>
        <translation>根元素是 &lt;{tag}&gt; 而不是 &lt;FileZilla3&gt;：不是 FileZilla 站点列表</translation>
    </message>
    <message>
        <source>the file has no &lt;Servers&gt; element: not a FileZilla site list</source>
        <translation>该文件没有 &lt;Servers&gt; 元素：不是 FileZilla 站点列表</translation>
    </message>
    <message>
        <source>no system keyring was found</source>
        <translation>未找到系统密钥环</translation>
    </message>
    <message>
        <source>the keyring could not be set up ({detail})</source>
        <translation>无法设置密钥环（{detail}）</translation>
    </message>
    <message>
        <source>{backend} keeps passwords in a plain-text file</source>
        <translation>{backend} 将密码保存在明文文件中</translation>
    </message>
    <message>
        <source>{backend} asks for its own password on a terminal</source>
        <translation>{backend} 会在终端上索要自己的密码</translation>
    </message>
    <message>
        <source>{backend} relies on retired GNOME bindings</source>
        <translation>{backend} 依赖已停用的 GNOME 绑定</translation>
    </message>
    <message>
        <source>{backend} keeps passwords in an online document</source>
        <translation>{backend} 将密码保存在在线文档中</translation>
    </message>
    <message>
        <source>{backend} says it is not a real keyring (priority {detail})</source>
        <translation>{backend} 表明自己不是真正的密钥环（优先级 {detail}）</translation>
    </message>
    <message>
        <source>{backend} is not a keyring known to encrypt the passwords it keeps</source>
        <translation>{backend} 不是已知会加密所存密码的密钥环</translation>
    </message>
    <message>
        <source>the system keyring is locked</source>
        <translation>系统密钥环已锁定</translation>
    </message>
    <message>
        <source>the system keyring failed ({detail})</source>
        <translation>系统密钥环出错（{detail}）</translation>
    </message>
    <message>
        <source>could not read {path}: {detail}</source>
        <translation>无法读取 {path}：{detail}</translation>
    </message>
    <message>
        <source>{path} is not an ftpgui site export</source>
        <translation>{path} 不是 ftpgui 站点导出文件</translation>
    </message>
    <message>
        <source>{path} was written by a newer ftpgui (version {version})</source>
        <translation>{path} 由更新版本的 ftpgui 写入（版本 {version}）</translation>
    </message>
    <message>
        <source>{path}: site {n}: {detail}</source>
        <translation>{path}：第 {n} 个站点：{detail}</translation>
    </message>
    <message>
        <source>{path} is not valid JSON: {detail}</source>
        <translation>{path} 不是有效的 JSON：{detail}</translation>
    </message>
    <message>
        <source>{path} is not an ftpgui sites file (its “{key}” is not a list)</source>
        <translation>{path} 不是 ftpgui 站点文件（其中的“{key}”不是列表）</translation>
    </message>
    <message>
        <source>{path} is not an ftpgui sites file (no version)</source>
        <translation>{path} 不是 ftpgui 站点文件（没有版本号）</translation>
    </message>
    <message>
        <source>Could not read the trusted certificates in {path}: {detail}</source>
        <translation>无法读取 {path} 中受信任的证书：{detail}</translation>
    </message>
    <message>
        <source>{path} is not a trusted-certificates file (no “trusted” table).</source>
        <translation>{path} 不是受信任证书文件（没有“trusted”表）。</translation>
    </message>
    <message>
        <source>Could not save the trusted certificates in {path}: {detail}</source>
        <translation>无法将受信任的证书保存到 {path}：{detail}</translation>
    </message>
    <message>
        <source>PASV advertises {advertised}, not the address you reached ({reached}); clients that use PASV and trust its address will time out. ftpgui copes (it connects to the address it reached), but the server&apos;s passive address setting should be corrected.</source>
        <translation>PASV 响应给出的地址是 {advertised}，而不是你连接到的地址（{reached}）；使用 PASV 并信任该地址的客户端会超时。ftpgui 能应对（它连接的是已连接到的地址），但应更正服务器的被动模式地址设置。</translation>
    </message>
    <message>
        <source>PASV advertises {advertised}, not the address you reached ({reached}); clients that use PASV and trust its address will time out. ftpgui connects to the address it reached instead, but its PASV attempt failed too (see above); the server&apos;s passive address setting should be corrected as well.</source>
        <translation>PASV 响应给出的地址是 {advertised}，而不是你连接到的地址（{reached}）；使用 PASV 并信任该地址的客户端会超时。ftpgui 改为连接它已连接到的地址，但它的 PASV 尝试也失败了（见上文）；同样应更正服务器的被动模式地址设置。</translation>
    </message>
    <message>
        <source>The diagnosis noted {code}.</source>
        <translation>诊断发现：{code}。</translation>
    </message>
    <message>
        <source>Unknown encryption choice for quick connect: “{choice}”.</source>
        <translation>未知的快速连接加密选项：“{choice}”。</translation>
    </message>
    <message>
        <source>Could not read the servers allowed plain FTP in {path}: {detail}</source>
        <translation>无法读取 {path} 中允许使用明文 FTP 的服务器：{detail}</translation>
    </message>
    <message>
        <source>{path} is not a list of servers allowed plain FTP.</source>
        <translation>{path} 不是允许使用明文 FTP 的服务器列表。</translation>
    </message>
    <message>
        <source>Could not save the servers allowed plain FTP in {path}: {detail}</source>
        <translation>无法将允许使用明文 FTP 的服务器保存到 {path}：{detail}</translation>
    </message>
    <message>
        <source>Passive mode failed: our connection to the data port the server named went unanswered or was refused, likely a firewall at the server. The usual fix is on the server: open its passive port range.</source>
        <translation>被动模式失败：我们连接服务器给出的数据端口时没有回应或被拒绝，很可能是服务器端的防火墙。通常的解决办法在服务器上：开放它的被动端口范围。</translation>
    </message>
    <message>
        <source>Active mode failed: no connection from the server reached the port we opened, likely a firewall on this computer or its network.</source>
        <translation>主动模式失败：没有来自服务器的连接到达我们打开的端口，很可能是本机或本机所在网络的防火墙。</translation>
    </message>
    <message>
        <source>Active mode failed: the connection to the port we opened came from another address than the server&apos;s, and ftpgui turned it away, as it could be another computer taking the transfer. No firewall stopped it. A server with more than one address (a second network interface, NAT with address pooling, a load balancer) connects from another address than the one we reach it at.</source>
        <translation>主动模式失败：到我们打开的端口的连接来自服务器以外的地址，ftpgui 拒绝了它，因为那可能是另一台计算机在抢夺这次传输。并没有防火墙拦截它。拥有多个地址的服务器（第二个网络接口、使用地址池的 NAT、负载均衡器）会从与我们所连接的地址不同的地址发起连接。</translation>
    </message>
    <message>
        <source>Active mode failed: we told the server to connect to a private address, which it cannot reach from across the internet (this computer is behind NAT, e.g. a home router). Setting the external address for active mode helps only if the router also forwards the active port range to this computer (or its FTP helper opens the ports).</source>
        <translation>主动模式失败：我们让服务器连接一个私有地址，而互联网上的服务器连不到它（本机位于 NAT 之后，例如家用路由器）。设置主动模式的外部地址只有在路由器同时把主动模式端口范围转发到本机（或由它的 FTP 辅助模块放行这些端口）时才有用。</translation>
    </message>
    <message>
        <source>Active mode failed: the server refused the address in our PORT/EPRT command. vsftpd answers “500 Illegal PORT command.” when that address is not the one it sees the control connection come from (its default port_promiscuous=NO): the usual sign that this computer is behind NAT with no FTP helper rewriting PORT, or that the external address for active mode is wrong.</source>
        <translation>主动模式失败：服务器拒绝了我们 PORT/EPRT 命令中的地址。当这个地址不是它看到的控制连接来源地址时（默认 port_promiscuous=NO），vsftpd 会响应“500 Illegal PORT command.”：这通常说明本机位于 NAT 之后，且没有 FTP 辅助模块改写 PORT，或者主动模式的外部地址设置错了。</translation>
    </message>
    <message>
        <source>The server refused passive mode.</source>
        <translation>服务器拒绝了被动模式。</translation>
    </message>
    <message>
        <source>The server refused active mode; some servers disable it.</source>
        <translation>服务器拒绝了主动模式；有些服务器禁用了主动模式。</translation>
    </message>
    <message>
        <source>The server&apos;s passive reply named an address that is not the one we reach it at (a server behind NAT that names its private address, or one whose passive address is set wrongly); ftpgui connects to the control connection&apos;s peer instead.</source>
        <translation>服务器的被动模式响应中给出的地址不是我们访问它所用的地址（服务器位于 NAT 之后并给出了它的私有地址，或其被动地址配置有误）；ftpgui 改为连接控制连接的对端。</translation>
    </message>
    <message>
        <source>Active mode may work meanwhile.</source>
        <translation>在此期间主动模式或许可用。</translation>
    </message>
    <message>
        <source>Active mode works with this server: use it meanwhile.</source>
        <translation>主动模式对这台服务器可用：在此期间请使用主动模式。</translation>
    </message>
    <message>
        <source>Active mode failed too, so switching modes does not help here.</source>
        <translation>主动模式也失败了，所以在这里换用另一种模式没有帮助。</translation>
    </message>
    <message>
        <source>Use passive mode.</source>
        <translation>请使用被动模式。</translation>
    </message>
    <message>
        <source>Passive mode works with this server: use it.</source>
        <translation>被动模式对这台服务器可用：请使用被动模式。</translation>
    </message>
    <message>
        <source>Passive mode failed too, so switching modes does not help here.</source>
        <translation>被动模式也失败了，所以在这里换用另一种模式没有帮助。</translation>
    </message>
    <message>
        <source>Passive mode failed: the server accepted our data connection, then rejected it because it came from another address than the control connection (vsftpd: “425 Security: Bad IP connecting”). This computer reaches the server through more than one address: a second network interface, a proxy, or carrier-grade NAT with address pooling.</source>
        <translation>被动模式失败：服务器接受了我们的数据连接，随后又拒绝了它，因为它来自与控制连接不同的地址（vsftpd：“425 Security: Bad IP connecting”）。这台计算机经由不止一个地址访问服务器：第二个网络接口、代理，或使用地址池的运营商级 NAT。</translation>
    </message>
    <message>
        <source>Passive mode failed: the server accepted our data connection and then rejected it (425). That is the server&apos;s own decision, not a firewall; its log says why.</source>
        <translation>被动模式失败：服务器接受了我们的数据连接，随后又拒绝了它（425）。这是服务器自己的决定，不是防火墙所致；原因见服务器的日志。</translation>
    </message>
    <message>
        <source>Passive mode works in plain FTP but times out under TLS: a firewall&apos;s FTP helper opens data ports by reading the server&apos;s 227/229 replies to PASV/EPSV and the client&apos;s PORT/EPRT commands; under TLS it can&apos;t read them — open a fixed passive port range instead.</source>
        <translation>被动模式在明文 FTP 下可用，在 TLS 下却超时：防火墙的 FTP 助手通过读取服务器对 PASV/EPSV 的 227/229 响应和客户端的 PORT/EPRT 命令来开放数据端口；在 TLS 下它读不到这些内容——请改为开放一个固定的被动端口范围。</translation>
    </message>
    <message>
        <source>A timeout is most likely a firewall, or a routing problem; from here ftpgui cannot tell which.</source>
        <translation>超时最可能是防火墙所致，也可能是路由问题；从这里 ftpgui 无法分辨是哪一种。</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>it is not signed by a certificate authority trusted here</source>
        <translation>它不是由此处信任的证书颁发机构签发的</translation>
    </message>
    <message>
        <source>it is self-signed: no certificate authority vouches for it</source>
        <translation>它是自签名的：没有证书颁发机构为它担保</translation>
    </message>
    <message>
        <source>its chain ends in a self-signed certificate not trusted here</source>
        <translation>它的证书链止于一个此处不信任的自签名证书</translation>
    </message>
    <message>
        <source>it has expired</source>
        <translation>它已过期</translation>
    </message>
    <message>
        <source>it is not valid yet</source>
        <translation>它尚未生效</translation>
    </message>
    <message>
        <source>it is for another host name than the server&apos;s</source>
        <translation>它属于另一个主机名，而不是此服务器的</translation>
    </message>
    <message>
        <source>it is for another address than the server&apos;s</source>
        <translation>它属于另一个地址，而不是此服务器的</translation>
    </message>
    <message>
        <source>{problem}; OpenSSL: {reason}</source>
        <translation>{problem}；OpenSSL：{reason}</translation>
    </message>
    <message>
        <source>Connection reset by peer</source>
        <translation>连接被对方重置</translation>
    </message>
    <message>
        <source>Software caused connection abort</source>
        <translation>连接被本机中止</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>No route to host</source>
        <translation>没有到主机的路由</translation>
    </message>
    <message>
        <source>Host is down</source>
        <translation>主机已关闭</translation>
    </message>
    <message>
        <source>Network is unreachable</source>
        <translation>网络不可达</translation>
    </message>
    <message>
        <source>Network is down</source>
        <translation>网络已断开</translation>
    </message>
    <message>
        <source>Cannot assign requested address</source>
        <translation>无法使用所请求的地址</translation>
    </message>
    <message>
        <source>Address already in use</source>
        <translation>地址已被占用</translation>
    </message>
    <message>
        <source>Broken pipe</source>
        <translation>连接已断开（管道破裂）</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许的操作</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>设备上没有剩余空间</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>是一个文件夹</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>Directory not empty</source>
        <translation>文件夹不为空</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Name or service not known</source>
        <translation>未知的名称或服务</translation>
    </message>
    <message>
        <source>Temporary failure in name resolution</source>
        <translation>域名解析暂时失败</translation>
    </message>
    <message>
        <source>Non-recoverable failure in name resolution</source>
        <translation>域名解析失败，且无法恢复</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>{size} ({n} bytes)</source>
        <translation>{size}（{n} 字节）</translation>
    </message>
    <message>
        <source>Cancelled after {done}.</source>
        <translation>已取消，此前已传输 {done}。</translation>
    </message>
    <message>
        <source>The download is incomplete: {got} of {total}.</source>
        <translation>下载不完整：只收到 {total} 中的 {got}。</translation>
    </message>
    <message>
        <source>Not enough space in {path}: {needed} needed, {free} free.</source>
        <translation>{path} 空间不足：需要 {needed}，可用 {free}。</translation>
    </message>
    <message>
        <source>Not enough space in {path} while other downloads are under way: {needed} needed, {free} free, {held} of them still to be written by the other downloads. Retry once they have finished.</source>
        <translation>其他下载正在进行，{path} 空间不足：需要 {needed}，可用 {free}，其中 {held} 仍要由其他下载写入。请在它们完成后重试。</translation>
    </message>
    <message>
        <source>no system keyring answered (no Secret Service such as GNOME Keyring or KeePassXC, and no KWallet)</source>
        <translation>没有系统密钥环响应（没有 GNOME Keyring、KeePassXC 等 Secret Service，也没有 KWallet）</translation>
    </message>
    <message>
        <source>The log file size limit must be between 1 and {max} MiB.</source>
        <translation>日志文件大小上限必须在 1 到 {max} MiB 之间。</translation>
    </message>
    <message>
        <source>Unknown transfer type: “{choice}”.</source>
        <translation>未知的传输类型：“{choice}”。</translation>
    </message>
    <message>
        <source>The speed limit must be between 0 (none) and {max} KiB/s.</source>
        <translation>速度限制必须介于 0（不限制）和 {max} KiB/s 之间。</translation>
    </message>
    <message>
        <source>The keep-alive interval must be between 0 (off) and {max} seconds.</source>
        <translation>保持连接的间隔必须在 0（关闭）到 {max} 秒之间。</translation>
    </message>
    <message>
        <source>Entry {number} of the editors by extension, “{entry}”, is not “.ext = command”.</source>
        <translation>按扩展名选择编辑器的第 {number} 项“{entry}”不是“.扩展名 = 命令”的形式。</translation>
    </message>
    <message>
        <source>No editor command for {ext}.</source>
        <translation>{ext} 没有编辑器命令。</translation>
    </message>
    <message>
        <source>The editor command “{command}” cannot be read: {detail}.</source>
        <translation>无法解析编辑器命令“{command}”：{detail}。</translation>
    </message>
    <message>
        <source>“{ext}” is not a file extension: write it like .txt</source>
        <translation>“{ext}”不是文件扩展名：请写成 .txt 这样的形式</translation>
    </message>
    <message>
        <source>{path} is not an ftpgui bookmarks file (no version)</source>
        <translation>{path} 不是 ftpgui 书签文件（没有版本号）</translation>
    </message>
    <message>
        <source>{path}: {detail}</source>
        <translation>{path}：{detail}</translation>
    </message>
    <message>
        <source>The proxy “{proxy}” cannot be used: {reason}</source>
        <translation>无法使用代理“{proxy}”：{reason}</translation>
    </message>
    <message>
        <source>“{text}” is not a size: write a number with B, KB, MB, GB or TB.</source>
        <translation>“{text}”不是大小：请写一个数字，加上 B、KB、MB、GB 或 TB。</translation>
    </message>
    <message>
        <source>“{text}” is not a date: write it as year-month-day, e.g. 2024-03-01.</source>
        <translation>“{text}”不是日期：请按“年-月-日”书写，例如 2024-03-01。</translation>
    </message>
    <message>
        <source>The pattern of filter “{rule}” is longer than {max} characters.</source>
        <translation>过滤器“{rule}”的模式超过了 {max} 个字符。</translation>
    </message>
    <message>
        <source>The regular expression of filter “{rule}” is not valid: {detail}.</source>
        <translation>过滤器“{rule}”的正则表达式无效：{detail}。</translation>
    </message>
    <message>
        <source>The regular expression of filter “{rule}” repeats a part that repeats itself (like “(a+)+”); matching it could take forever. Remove the inner or the outer repetition.</source>
        <translation>过滤器“{rule}”的正则表达式重复了一个本身就会重复的部分（如“(a+)+”），匹配可能永远无法结束。请去掉内层或外层的重复。</translation>
    </message>
    <message>
        <source>A filter needs a name.</source>
        <translation>过滤器需要一个名称。</translation>
    </message>
    <message>
        <source>Filter “{rule}” applies to “{kind}”: not files, folders or both.</source>
        <translation>过滤器“{rule}”适用于“{kind}”：既不是文件、文件夹，也不是两者。</translation>
    </message>
    <message>
        <source>Filter “{rule}” has no condition: give a name pattern, a size or a date.</source>
        <translation>过滤器“{rule}”没有任何条件：请给出名称模式、大小或日期。</translation>
    </message>
    <message>
        <source>The size in filter “{rule}” must be a whole number of bytes.</source>
        <translation>过滤器“{rule}”中的大小必须是整数字节数。</translation>
    </message>
    <message>
        <source>The filters file holds a filter without a name.</source>
        <translation>过滤器文件中有一个没有名称的过滤器。</translation>
    </message>
    <message>
        <source>Filter “{rule}” has a value of the wrong kind.</source>
        <translation>过滤器“{rule}”中有一个类型不对的值。</translation>
    </message>
    <message>
        <source>Two filters are named “{rule}”: give each its own name.</source>
        <translation>有两个过滤器都叫“{rule}”：请给每个过滤器起不同的名称。</translation>
    </message>
    <message>
        <source>The filters file does not hold a list of filters.</source>
        <translation>过滤器文件中没有过滤器列表。</translation>
    </message>
    <message>
        <source>The filters file {path} is not valid JSON: {detail}.</source>
        <translation>过滤器文件 {path} 不是有效的 JSON：{detail}。</translation>
    </message>
    <message>
        <source>Our PORT/EPRT named {advertised}; this computer&apos;s own address is {local}.</source>
        <translation>我们的 PORT/EPRT 给出的是 {advertised}；这台计算机自己的地址是 {local}。</translation>
    </message>
    <message>
        <source>it is not JSON at line {line}, column {column}</source>
        <translation>第 {line} 行第 {column} 列处不是有效的 JSON</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>its JSON is nested too deeply or holds too long a number</source>
        <translation>其 JSON 嵌套过深，或含有过长的数字</translation>
    </message>
    <message>
        <source>it is not a queue as ftpgui writes one</source>
        <translation>它不是 ftpgui 所写的队列</translation>
    </message>
    <message>
        <source>it is of version {version}, which this ftpgui does not read</source>
        <translation>其版本为 {version}，当前的 ftpgui 不能读取</translation>
    </message>
    <message>
        <source>its “{key}” is not as ftpgui writes it</source>
        <translation>其中的“{key}”与 ftpgui 所写的不符</translation>
    </message>
    <message>
        <source>its server {n} is not as ftpgui writes one</source>
        <translation>其中第 {n} 个服务器与 ftpgui 所写的不符</translation>
    </message>
    <message>
        <source>the “{field}” of its server {n} is not as ftpgui writes it</source>
        <translation>其中第 {n} 个服务器的“{field}”与 ftpgui 所写的不符</translation>
    </message>
    <message>
        <source>its item {n} is not as ftpgui writes one</source>
        <translation>其中第 {n} 项与 ftpgui 所写的不符</translation>
    </message>
    <message>
        <source>the “{field}” of its item {n} is not as ftpgui writes it</source>
        <translation>其中第 {n} 项的“{field}”与 ftpgui 所写的不符</translation>
    </message>
    <message>
        <source>Passive mode failed: the server&apos;s reply named no data port that can be connected to, so nothing was dialled. The reply itself is at fault: the server&apos;s passive settings, or a router or firewall that rewrites FTP replies.</source>
        <translation>被动模式失败：服务器的响应没有给出可以连接的数据端口，所以没有发起任何连接。问题出在这个响应本身：服务器的被动模式设置，或改写 FTP 响应的路由器或防火墙。</translation>
    </message>
    <message>
        <source>Passive mode failed: the server&apos;s reply named {named}, not the address we reach it at, so ftpgui connected to that port at the server&apos;s own address instead (it never dials another host a reply names), and that went unanswered or was refused. The server may accept data connections only at the address it named, or a firewall at the server stops them. The fix is on the server: set its passive address to the one clients reach it at, and open its passive port range.</source>
        <translation>被动模式失败：服务器的响应给出的是 {named}，而不是我们连接它所用的地址，所以 ftpgui 改为连接服务器自己地址上的这个端口（它从不连接响应中给出的其他主机），而这个连接没有回应或被拒绝。服务器可能只在它给出的地址上接受数据连接，或者服务器端的防火墙拦住了连接。解决办法在服务器上：把它的被动地址设为客户端连接它所用的地址，并开放它的被动端口范围。</translation>
    </message>
    <message>
        <source>Neither mode worked, so switching modes does not help here. Passive mode: {passive} Then active mode: {active}</source>
        <translation>两种模式都失败了，所以在这里换用另一种模式没有帮助。被动模式：{passive} 随后的主动模式：{active}</translation>
    </message>
    <message>
        <source>ftpgui&apos;s sites cannot hold an account yet; ftpgui-cli can send one (--account).</source>
        <translation>ftpgui 的站点目前还不能保存账户；ftpgui-cli 可以发送账户（--account）。</translation>
    </message>
    <message>
        <source>Give it with --account ACCOUNT (or in FTPGUI_ACCOUNT).</source>
        <translation>请用 --account ACCOUNT（或环境变量 FTPGUI_ACCOUNT）给出账户。</translation>
    </message>
    <message>
        <source>{said}. {cause}</source>
        <translation>{said}。{cause}</translation>
    </message>
    <message>
        <source>Unknown choice for connecting while connected: “{choice}”.</source>
        <translation>“已连接时再连接”的选项未知：“{choice}”。</translation>
    </message>
</context>
<context>
    <name>ConnectFlow</name>
    <message>
        <source>The site&apos;s local folder {path} does not exist: synchronized browsing is not turned on.</source>
        <translation>站点的本地目录 {path} 不存在：未开启同步浏览。</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Stopped connecting to {server}.</source>
        <translation>已停止连接 {server}。</translation>
    </message>
    <message>
        <source>The folder {path} was not found; showing the login folder {home} instead.</source>
        <translation>找不到文件夹 {path}；改为显示登录文件夹 {home}。</translation>
    </message>
    <message>
        <source>The folder {path} was not found; opened {inside} in the login folder instead.</source>
        <translation>找不到文件夹 {path}；改为打开登录文件夹中的 {inside}。</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>No encryption</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>{server} does not offer TLS: it answered AUTH TLS with “{reply}”.

Continue in plain text? The password and the files would travel unencrypted.</source>
        <translation>{server} 不支持 TLS：它对 AUTH TLS 的响应是“{reply}”。

以明文继续吗？密码和文件将以未加密的方式传输。</translation>
    </message>
    <message>
        <source>Continue in &amp;plain text</source>
        <translation>以明文继续(&amp;P)</translation>
    </message>
    <message>
        <source>{host} port {port} refused TLS (AUTH TLS: {reply}).</source>
        <translation>{host} 端口 {port} 拒绝了 TLS（AUTH TLS：{reply}）。</translation>
    </message>
</context>
<context>
    <name>PlainFtpDialog</name>
    <message>
        <source>Insecure FTP connection</source>
        <translation>不安全的 FTP 连接</translation>
    </message>
    <message>
        <source>{host} port {port}</source>
        <translation>{host} 端口 {port}</translation>
    </message>
    <message>
        <source>{where} does not support FTP over TLS. Nothing has been sent yet. If you connect without encryption, your user name, password and files travel in plain text: anyone on the way can read them.</source>
        <translation>{where} 不支持 FTP over TLS。目前尚未发送任何内容。如果不加密连接，您的用户名、密码和文件将以明文传输：途经的任何人都能读取它们。</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>The server refused TLS: {reply}</source>
        <translation>服务器拒绝了 TLS：{reply}</translation>
    </message>
    <message>
        <source>The server does not offer TLS.</source>
        <translation>服务器不提供 TLS。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Always allow plain FTP for this server</source>
        <translation>总是允许此服务器使用明文 FTP</translation>
    </message>
    <message>
        <source>Connect &amp;without encryption</source>
        <translation>不加密连接(&amp;W)</translation>
    </message>
</context>
<context>
    <name>RemoteBrowser</name>
    <message>
        <source>ftpgui failed to take the server&apos;s answer (an internal error: {detail}).</source>
        <translation>ftpgui 未能处理服务器的回答（内部错误：{detail}）。</translation>
    </message>
</context>
<context>
    <name>QueueLogins</name>
    <message>
        <source>The password for {server} could not be read: {why}</source>
        <translation>无法读取 {server} 的密码：{why}</translation>
    </message>
    <message>
        <source>Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have them remembered until ftpgui closes.</source>
        <translation>无法保存密码：{reason}。连接时将询问您密码，您可以让 ftpgui 记住它们直到程序关闭。</translation>
    </message>
    <message>
        <source>Transfers in the queue are waiting for {server}.</source>
        <translation>队列中的传输正在等待 {server}。</translation>
    </message>
    <message>
        <source>It offers no TLS: as when these transfers were queued, the password will travel unencrypted.</source>
        <translation>该服务器不提供 TLS：与加入这些传输时一样，密码将以未加密方式传输。</translation>
    </message>
</context>
<context>
    <name>fixes</name>
    <message>
        <source>On the server: give the FTP server a fixed passive port range and open that range in the server&apos;s firewall (and in any firewall in front of it).</source>
        <translation>在服务器上：为 FTP 服务器设置一个固定的被动端口范围，并在服务器的防火墙（以及它前面的任何防火墙）中开放这个范围。</translation>
    </message>
    <message>
        <source>On the server: the server named port {ports} in its replies to PASV/EPSV — open the passive port range it uses (these ports are in it) in the server&apos;s firewall (and in any firewall in front of it); or give the FTP server a fixed passive port range, {lo}–{hi} below, and open that.</source>
        <translation>在服务器上：服务器在对 PASV/EPSV 的响应中给出了端口 {ports}——在服务器的防火墙（以及它前面的任何防火墙）中开放它所用的被动端口范围（这些端口就在其中）；或者为 FTP 服务器设置一个固定的被动端口范围（如下面的 {lo}–{hi}），并开放该范围。</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 和 {second}</translation>
    </message>
    <message>
        <source>{low}–{high} ({count} ports)</source>
        <translation>{low}–{high}（共 {count} 个）</translation>
    </message>
    <message>
        <source>On the server: under TLS a firewall&apos;s FTP helper cannot read the server&apos;s 227/229 replies to PASV/EPSV or the client&apos;s PORT/EPRT commands, so open a fixed passive port range instead of relying on it.</source>
        <translation>在服务器上：在 TLS 下，防火墙的 FTP 助手无法读取服务器对 PASV/EPSV 的 227/229 响应，也无法读取客户端的 PORT/EPRT 命令，因此请开放一个固定的被动端口范围，而不要依赖它。</translation>
    </message>
    <message>
        <source>vsftpd: in /etc/vsftpd.conf, then restart vsftpd:</source>
        <translation>vsftpd：写入 /etc/vsftpd.conf，然后重启 vsftpd：</translation>
    </message>
    <message>
        <source>proftpd: in proftpd.conf, then restart proftpd:</source>
        <translation>proftpd：写入 proftpd.conf，然后重启 proftpd：</translation>
    </message>
    <message>
        <source>pure-ftpd: start it with this option (Debian: write “{lo} {hi}” to /etc/pure-ftpd/conf/PassivePortRange):</source>
        <translation>pure-ftpd：用此选项启动它（Debian：把“{lo} {hi}”写入 /etc/pure-ftpd/conf/PassivePortRange）：</translation>
    </message>
    <message>
        <source>FileZilla Server: Server › Configure › Connection › FTP and FTP over TLS › Passive mode: choose “Use custom port range” and enter {lo} to {hi}.</source>
        <translation>FileZilla Server：Server › Configure › Connection › FTP and FTP over TLS › Passive mode：选择“Use custom port range”，并填入 {lo} 到 {hi}。</translation>
    </message>
    <message>
        <source>IIS: in IIS Manager, at the server level, open FTP Firewall Support and set the Data Channel Port Range to {lo}-{hi}; then restart the Microsoft FTP Service.</source>
        <translation>IIS：在 IIS 管理器的服务器级别打开“FTP 防火墙支持”，把“数据通道端口范围”设为 {lo}-{hi}；然后重启 Microsoft FTP Service。</translation>
    </message>
    <message>
        <source>{tool} on the server: admit the passive range:</source>
        <translation>服务器上的 {tool}：放行被动端口范围：</translation>
    </message>
    <message>
        <source>nftables on the server (in its inet filter table): admit the passive range:</source>
        <translation>服务器上的 nftables（在其 inet filter 表中）：放行被动端口范围：</translation>
    </message>
    <message>
        <source>Or, for plain FTP only (not FTPS), let the FTP helper of {tool} admit each data port it reads in the server&apos;s 227/229 replies and the client&apos;s PORT/EPRT commands:</source>
        <translation>或者，仅限明文 FTP（不适用于 FTPS）：让 {tool} 的 FTP 助手放行它从服务器的 227/229 响应和客户端的 PORT/EPRT 命令中读到的每个数据端口：</translation>
    </message>
    <message>
        <source>The same with nftables (plain FTP only):</source>
        <translation>用 nftables 实现同样的做法（仅限明文 FTP）：</translation>
    </message>
    <message>
        <source>On the server: set the address it advertises in passive mode to {address}, the address clients reach.</source>
        <translation>在服务器上：把它在被动模式中通告的地址设为 {address}，即客户端访问到的地址。</translation>
    </message>
    <message>
        <source>pure-ftpd: start it with this option (Debian: write the address to /etc/pure-ftpd/conf/ForcePassiveIP):</source>
        <translation>pure-ftpd：用此选项启动它（Debian：把该地址写入 /etc/pure-ftpd/conf/ForcePassiveIP）：</translation>
    </message>
    <message>
        <source>FileZilla Server: Server › Configure › Connection › FTP and FTP over TLS › Passive mode: set “Public IPv4” to {address}.</source>
        <translation>FileZilla Server：Server › Configure › Connection › FTP and FTP over TLS › Passive mode：把“Public IPv4”设为 {address}。</translation>
    </message>
    <message>
        <source>IIS: in IIS Manager, open the site&apos;s FTP Firewall Support and set the External IP Address of Firewall to {address}; then restart the Microsoft FTP Service.</source>
        <translation>IIS：在 IIS 管理器中打开该站点的“FTP 防火墙支持”，把“防火墙的外部 IP 地址”设为 {address}；然后重启 Microsoft FTP Service。</translation>
    </message>
    <message>
        <source>Best on this side: make the data connection leave from the same address as the control connection (connect without the proxy or VPN, or from one network interface), or use active mode. Or, on the server, accept data connections from another address — this turns off a protection against a stranger taking over the data connection:</source>
        <translation>最好在这一端解决：让数据连接与控制连接从同一个地址发出（不经代理或 VPN 连接，或只用一个网络接口），或者使用主动模式。也可以在服务器上接受来自其他地址的数据连接——这会关闭一项防止他人劫持数据连接的保护：</translation>
    </message>
    <message>
        <source>On the server: enable passive mode (EPSV and PASV).</source>
        <translation>在服务器上：启用被动模式（EPSV 和 PASV）。</translation>
    </message>
    <message>
        <source>On the server: enable active mode (EPRT and PORT), if it was not turned off on purpose.</source>
        <translation>在服务器上：启用主动模式（EPRT 和 PORT），除非它是被有意关闭的。</translation>
    </message>
    <message>
        <source>On this computer or on the server: the server&apos;s connection for active mode never arrived — kept out by a firewall on this computer or its network, or kept from leaving by the server&apos;s own firewall; from here ftpgui cannot tell which. Simplest: use passive mode. Or limit ftpgui&apos;s active ports to a fixed range, allow that range in on this computer, and let the server connect out to it:</source>
        <translation>在这台计算机上或在服务器上：主动模式下服务器发起的连接始终没有到达——可能被这台计算机或其网络上的防火墙挡在外面，也可能被服务器自己的防火墙拦住、没能发出；从这里 ftpgui 无法分辨是哪一种。最简单的做法：使用被动模式。或者把 ftpgui 的主动模式端口限制在一个固定范围内，在这台计算机上放行该范围的传入连接，并允许服务器向该范围发起连接：</translation>
    </message>
    <message>
        <source>Windows Defender Firewall: allow ftpgui through it (Windows Security › Allow an app through firewall), or add an inbound rule for the range (in a command prompt run as administrator):</source>
        <translation>Windows Defender 防火墙：允许 ftpgui 通过（Windows 安全中心 › 允许应用通过防火墙），或者为该范围添加一条入站规则（在以管理员身份运行的命令提示符中）：</translation>
    </message>
    <message>
        <source>macOS Application Firewall: in System Settings › Network › Firewall › Options, allow incoming connections for ftpgui; or in Terminal:</source>
        <translation>macOS 应用程序防火墙：在“系统设置 › 网络 › 防火墙 › 选项”中允许 ftpgui 的传入连接；或者在“终端”中：</translation>
    </message>
    <message>
        <source>firewalld (Fedora, RHEL, openSUSE):</source>
        <translation>firewalld（Fedora、RHEL、openSUSE）：</translation>
    </message>
    <message>
        <source>ufw (Ubuntu):</source>
        <translation>ufw（Ubuntu）：</translation>
    </message>
    <message>
        <source>{tool} on this computer:</source>
        <translation>这台计算机上的 {tool}：</translation>
    </message>
    <message>
        <source>{tool} on the server, if it filters outgoing connections: let it connect out to the range:</source>
        <translation>服务器上的 {tool}（如果它过滤传出连接）：允许它向该范围发起连接：</translation>
    </message>
    <message>
        <source>The same with nftables on the server (in its inet filter table):</source>
        <translation>在服务器上用 nftables 实现同样的做法（在其 inet filter 表中）：</translation>
    </message>
    <message>
        <source>On this side: use passive mode; or, for active mode, forward a fixed port range on the router to this computer and tell ftpgui the router&apos;s public address.</source>
        <translation>在这一端：使用被动模式；或者，若要使用主动模式，在路由器上把一个固定端口范围转发到这台计算机，并把路由器的公网地址告诉 ftpgui。</translation>
    </message>
    <message>
        <source>On the router (port forwarding): forward TCP ports {lo} to {hi} to this computer ({address}).</source>
        <translation>在路由器上（端口转发）：把 TCP 端口 {lo} 到 {hi} 转发到这台计算机（{address}）。</translation>
    </message>
    <message>
        <source>ftpgui: in Preferences set “External address for active mode” to the router&apos;s public address and limit the active ports to the same range; from the command line (with the public address for {placeholder}):</source>
        <translation>ftpgui：在“首选项”中把“主动模式的外部地址”设为路由器的公网地址，并把主动模式端口限制在同一范围内；在命令行中（把 {placeholder} 换成公网地址）：</translation>
    </message>
    <message>
        <source>ftpgui: in Preferences tick “Limit the local ports active mode listens on” and enter {lo} to {hi}; from the command line:</source>
        <translation>ftpgui：在“首选项”中勾选“限制主动模式监听的本地端口”，并填入 {lo} 到 {hi}；在命令行中：</translation>
    </message>
    <message>
        <source>Nothing to fix.</source>
        <translation>无需修复。</translation>
    </message>
    <message>
        <source>How to fix ({cause}):</source>
        <translation>如何修复（{cause}）：</translation>
    </message>
</context>
<context>
    <name>TransferTypeBox</name>
    <message>
        <source>Default (from Preferences)</source>
        <translation>默认（来自首选项）</translation>
    </message>
    <message>
        <source>Auto (ASCII for text file extensions)</source>
        <translation>自动（文本文件扩展名用 ASCII）</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>ASCII (line ends converted)</source>
        <translation>ASCII（转换行尾）</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Diagnose this server</source>
        <translation>诊断此服务器</translation>
    </message>
    <message>
        <source>Try passive and active mode and say why the data connection failed</source>
        <translation>尝试被动模式和主动模式，并说明数据连接失败的原因</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>Diagnose this server (in the status bar) tries both modes and says why.</source>
        <translation>“诊断此服务器”（在状态栏中）会尝试两种模式并说明原因。</translation>
    </message>
    <message>
        <source>Auto mode switched from {a} to {b} mode: {cause}. Diagnose this server shows both modes.</source>
        <translation>自动模式已从{a}模式切换为{b}模式：{cause}。“诊断此服务器”会显示两种模式的情况。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Site Manager…</source>
        <translation>站点管理器(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>上传(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Add to Queue</source>
        <translation>添加到队列(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>Create &amp;Folder…</source>
        <translation>创建目录(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上一级(&amp;U)</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>复制 URL(&amp;U)</translation>
    </message>
    <message>
        <source>File &amp;Permissions…</source>
        <translation>文件权限(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Show &amp;Hidden Remote Files</source>
        <translation>显示隐藏的远程文件(&amp;H)</translation>
    </message>
    <message>
        <source>Show Hidden &amp;Local Files</source>
        <translation>显示隐藏的本地文件(&amp;L)</translation>
    </message>
    <message>
        <source>Dia&amp;gnose This Server</source>
        <translation>诊断此服务器(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>传输(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ftpgui</source>
        <translation>关于 ftpgui(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Connection &amp;modes</source>
        <translation>连接模式(&amp;M)</translation>
    </message>
    <message>
        <source>Switch to the &amp;Other List</source>
        <translation>切换到另一侧的列表(&amp;O)</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>No saved sites yet. Connect with the bar above, add a site, or try FTP safely on a practice server that runs on this computer only — and watch both modes in the panel on the right.</source>
        <translation>还没有保存的站点。可以用上方的快速连接栏连接、添加站点，或在只运行于本机的练习服务器上放心地试用 FTP——并在右侧面板中观看两种模式。</translation>
    </message>
    <message>
        <source>Start the practice server</source>
        <translation>启动练习服务器</translation>
    </message>
    <message>
        <source>New site…</source>
        <translation>新站点…</translation>
    </message>
    <message>
        <source>Connection modes</source>
        <translation>连接模式</translation>
    </message>
    <message>
        <source>Quick connect</source>
        <translation>快速连接</translation>
    </message>
</context>
<context>
    <name>WindowTransfers</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name} was not downloaded: its name is not safe to use as a local file name. {reason}.</source>
        <translation>{name} 未下载：它的名称不能安全地用作本地文件名。{reason}。</translation>
    </message>
    <message>
        <source>1 of {total} items was not downloaded: its name is not safe to use as a local file name ({names}).</source>
        <translation>{total} 项中有 1 项未下载：它的名称不能安全地用作本地文件名（{names}）。</translation>
    </message>
    <message>
        <source>{n} of {total} items were not downloaded: their names are not safe to use as local file names ({names}).</source>
        <translation>{total} 项中有 {n} 项未下载：它们的名称不能安全地用作本地文件名（{names}）。</translation>
    </message>
    <message>
        <source>{name} was not downloaded: its name holds the control character {char}, which FTP cannot send to a server.</source>
        <translation>{name} 未下载：它的名称包含控制字符 {char}，FTP 无法把它发送给服务器。</translation>
    </message>
    <message>
        <source>1 of {total} items was not downloaded: its name holds the control character {char}, which FTP cannot send to a server ({names}).</source>
        <translation>{total} 项中有 1 项未下载：它的名称包含控制字符 {char}，FTP 无法把它发送给服务器（{names}）。</translation>
    </message>
    <message>
        <source>{n} of {total} items were not downloaded: their names hold control characters (CR, LF or NUL), which FTP cannot send to a server ({names}).</source>
        <translation>{total} 项中有 {n} 项未下载：它们的名称包含控制字符（CR、LF 或 NUL），FTP 无法把它们发送给服务器（{names}）。</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>Transfer {number}</source>
        <translation>传输 {number}</translation>
    </message>
    <message>
        <source>Transfers are in progress: {totals}.</source>
        <translation>正在传输：{totals}。</translation>
    </message>
    <message>
        <source>If you quit now, they stop and stay in the queue: ftpgui continues them the next time it starts.</source>
        <translation>如果现在退出，传输会停止并留在队列中：ftpgui 下次启动时会继续传输。</translation>
    </message>
    <message>
        <source>Until then, a file cut off in its upload is incomplete on the server.</source>
        <translation>在此之前，上传中断的文件在服务器上是不完整的。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit Anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <source>No transfer is in progress any more: nothing is cut off if you quit now.</source>
        <translation>已没有正在进行的传输：现在退出不会中断任何传输。</translation>
    </message>
</context>
<context>
    <name>SiteImportExport</name>
    <message>
        <source>Default local folder</source>
        <translation>默认本地目录</translation>
    </message>
    <message>
        <source>Import FileZilla sites</source>
        <translation>导入 FileZilla 站点</translation>
    </message>
    <message>
        <source>FileZilla site manager (sitemanager.xml *.xml)</source>
        <translation>FileZilla 站点管理器（sitemanager.xml *.xml）</translation>
    </message>
    <message>
        <source>Import an ftpgui export</source>
        <translation>导入 ftpgui 导出文件</translation>
    </message>
    <message>
        <source>ftpgui sites (*.json)</source>
        <translation>ftpgui 站点（*.json）</translation>
    </message>
    <message>
        <source>Export sites (without passwords)</source>
        <translation>导出站点（不含密码）</translation>
    </message>
    <message>
        <source>Reading {path}…</source>
        <translation>正在读取 {path}…</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>未导入任何内容：{reason}</translation>
    </message>
    <message>
        <source>Imported from FileZilla</source>
        <translation>从 FileZilla 导入</translation>
    </message>
    <message>
        <source>…and {n} more notes like these.</source>
        <translation>……另有 {n} 条类似的说明。</translation>
    </message>
    <message>
        <source>Sites imported: {sites}; skipped: {skipped}.</source>
        <translation>已导入站点：{sites}；已跳过：{skipped}。</translation>
    </message>
    <message>
        <source>Passwords NOT saved: {n} ({reason}). They are kept only until ftpgui closes; after that you will be asked for them when you connect.</source>
        <translation>密码未保存：{n} 个（{reason}）。它们只保留到 ftpgui 关闭；之后连接时将询问您密码。</translation>
    </message>
    <message>
        <source>Passwords to save in the system keyring when you press OK or Connect: {n}.</source>
        <translation>按“确定”或“连接”时将存入系统密钥环的密码：{n} 个。</translation>
    </message>
    <message>
        <source>Imported passwords saved in the system keyring: {saved}; NOT saved: {failed} ({reason}). Those are kept only until ftpgui closes; after that you will be asked for them when you connect.</source>
        <translation>已存入系统密钥环的导入密码：{saved} 个；未保存：{failed} 个（{reason}）。未保存的密码只保留到 ftpgui 关闭；之后连接时将询问您密码。</translation>
    </message>
    <message>
        <source>Skipped “{site}”: {reason}</source>
        <translation>已跳过“{site}”：{reason}</translation>
    </message>
    <message>
        <source>“{site}”: {note}</source>
        <translation>“{site}”：{note}</translation>
    </message>
    <message>
        <source>Sites imported: {sites}.</source>
        <translation>已导入站点：{sites}。</translation>
    </message>
    <message>
        <source>Sites exported to {path} (without passwords): {sites}.</source>
        <translation>站点已导出到 {path}（不含密码）：{sites}。</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>导出失败：{reason}</translation>
    </message>
</context>
<context>
    <name>SitePasswords</name>
    <message>
        <source>Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have them remembered until ftpgui closes.</source>
        <translation>无法保存密码：{reason}。连接时将询问您密码，您可以让 ftpgui 记住它们直到程序关闭。</translation>
    </message>
    <message>
        <source>Reading the password from the system keyring…</source>
        <translation>正在从系统密钥环读取密码…</translation>
    </message>
    <message>
        <source>Deleting the passwords of deleted sites from the system keyring…</source>
        <translation>正在从系统密钥环删除已删除站点的密码…</translation>
    </message>
</context>
<context>
    <name>KeyringLeftovers</name>
    <message>
        <source>The passwords of deleted sites may still be in the system keyring ({sites}): it refused to delete them. ftpgui will try again when you next open the Site Manager.</source>
        <translation>已删除站点的密码可能仍在系统密钥环中（{sites}）：密钥环拒绝删除它们。下次打开站点管理器时，ftpgui 会再试一次。</translation>
    </message>
    <message>
        <source>{names} and {n} more</source>
        <translation>{names} 及另外 {n} 个</translation>
    </message>
    <message>
        <source>The system keyring did not delete the passwords of deleted sites ({sites}): {reason}. They may still be stored there.</source>
        <translation>系统密钥环没有删除已删除站点的密码（{sites}）：{reason}。它们可能仍保存在密钥环中。</translation>
    </message>
    <message>
        <source>ftpgui could not note them to try again: {reason}</source>
        <translation>ftpgui 无法记下它们以便再试：{reason}</translation>
    </message>
    <message>
        <source>ftpgui will try again when you next open the Site Manager.</source>
        <translation>下次打开站点管理器时，ftpgui 会再试一次。</translation>
    </message>
    <message>
        <source>The system keyring could not be reached to delete the passwords of deleted sites ({sites}): {reason}. They stay there if it holds them.</source>
        <translation>无法连接系统密钥环来删除已删除站点的密码（{sites}）：{reason}。如果密钥环中存有这些密码，它们会留在那里。</translation>
    </message>
    <message>
        <source>ftpgui will delete them when you next open the Site Manager with the system keyring there.</source>
        <translation>下次在系统密钥环可用时打开站点管理器，ftpgui 会删除它们。</translation>
    </message>
    <message>
        <source>Deleted from the system keyring: the passwords of deleted sites ({sites}).</source>
        <translation>已从系统密钥环删除已删除站点的密码（{sites}）。</translation>
    </message>
</context>
<context>
    <name>SiteTabs</name>
    <message>
        <source>FTP – use explicit FTPS (AUTH TLS) if available</source>
        <translation>FTP – 如果可用，使用显式 FTPS（AUTH TLS）</translation>
    </message>
    <message>
        <source>FTP – require explicit FTPS (AUTH TLS)</source>
        <translation>FTP – 要求显式 FTPS（AUTH TLS）</translation>
    </message>
    <message>
        <source>Implicit FTPS</source>
        <translation>隐式 FTPS</translation>
    </message>
    <message>
        <source>FTP – plain, unencrypted only</source>
        <translation>FTP – 仅使用明文（不加密）</translation>
    </message>
    <message>
        <source>ftp.example.com</source>
        <translation>例如 ftp.example.com</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Ask for password</source>
        <translation>询问密码</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>P&amp;rotocol:</source>
        <translation>协议(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Logon type:</source>
        <translation>登录类型(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Default (from Preferences)</source>
        <translation>默认（来自首选项）</translation>
    </message>
    <message>
        <source>Passive</source>
        <translation>被动</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>主动</translation>
    </message>
    <message>
        <source>Auto (passive, then active)</source>
        <translation>自动（先被动，再主动）</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>The folder the server starts in</source>
        <translation>服务器的起始目录</translation>
    </message>
    <message>
        <source>The last folder used</source>
        <translation>上次使用的目录</translation>
    </message>
    <message>
        <source>Transfer &amp;mode:</source>
        <translation>传输模式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Server &amp;time offset:</source>
        <translation>服务器时区偏移(&amp;T)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Default &amp;local folder:</source>
        <translation>默认本地目录(&amp;L)：</translation>
    </message>
    <message>
        <source>Default &amp;remote folder:</source>
        <translation>默认远程目录(&amp;R)：</translation>
    </message>
    <message>
        <source>Use synchroni&amp;zed browsing</source>
        <translation>使用同步浏览(&amp;Z)</translation>
    </message>
    <message>
        <source>Once connected, the default local and remote folders move together: entering or leaving a folder in one pane does the same in the other. Needs both folders.</source>
        <translation>连接后，默认本地目录和默认远程目录将一起移动：在一个窗格中进入或离开文件夹，另一个窗格也会同样操作。需要同时填写这两个目录。</translation>
    </message>
    <message>
        <source>Transfer c&amp;onnections:</source>
        <translation>传输连接数(&amp;O)：</translation>
    </message>
    <message>
        <source>Transfer t&amp;ype:</source>
        <translation>传输类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>“{choice}” is chosen as the encoding: Connect to read the names with it.</source>
        <translation>已选择编码“{choice}”：点击“连接”即可用它读取文件名。</translation>
    </message>
</context>
<context>
    <name>SiteTreeActions</name>
    <message>
        <source>New site</source>
        <translation>新站点</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新文件夹</translation>
    </message>
    <message>
        <source>Delete the site “{name}”?</source>
        <translation>要删除站点“{name}”吗？</translation>
    </message>
    <message>
        <source>Delete the folder “{name}”?</source>
        <translation>要删除文件夹“{name}”吗？</translation>
    </message>
    <message>
        <source>Delete the folder “{name}” and the site in it?</source>
        <translation>要删除文件夹“{name}”及其中的站点吗？</translation>
    </message>
    <message>
        <source>Delete the folder “{name}” and the {n} sites in it?</source>
        <translation>要删除文件夹“{name}”及其中的 {n} 个站点吗？</translation>
    </message>
    <message>
        <source>It is deleted when you click OK or Connect in the Site Manager; its Cancel brings it back.</source>
        <translation>在站点管理器中点击“确定”或“连接”时才会删除；点击站点管理器的“取消”可以恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ServerTab</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
</context>
<context>
    <name>WindowMode</name>
    <message>
        <source>Data connection mode: {mode}, as chosen in the mode panel.</source>
        <translation>数据连接模式：{mode}模式（在模式面板中选择）。</translation>
    </message>
    <message>
        <source>The next connection will use {mode} mode.</source>
        <translation>下一个连接将使用{mode}模式。</translation>
    </message>
    <message>
        <source>(for the next connection)</source>
        <translation>（用于下一个连接）</translation>
    </message>
    <message>
        <source>Picked here with nothing connected: the next connection uses it.</source>
        <translation>在未连接时于此处选择：下一个连接将使用它。</translation>
    </message>
    <message>
        <source>(the default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>(next connection: the default)</source>
        <translation>（下一个连接：默认）</translation>
    </message>
    <message>
        <source>(next connection: picked for {name})</source>
        <translation>（下一个连接：为 {name} 选择）</translation>
    </message>
    <message>
        <source>The default transfer mode, set in Preferences. A server you pick a mode for in this panel keeps that mode until ftpgui is closed; a saved site keeps its own.</source>
        <translation>默认传输模式，在“首选项”中设置。在此面板中为某台服务器选择的模式，在关闭 ftpgui 之前对该服务器一直有效；已保存的站点使用其自身的设置。</translation>
    </message>
    <message>
        <source>(set in the site “{name}”)</source>
        <translation>（站点“{name}”的设置）</translation>
    </message>
    <message>
        <source>The transfer mode saved in the site “{site}” (Site Manager).</source>
        <translation>保存在站点“{site}”中的传输模式（站点管理器）。</translation>
    </message>
    <message>
        <source>Picked in this panel for {server}: every connection to it uses it until ftpgui is closed.</source>
        <translation>在此面板中为 {server} 选择：在关闭 ftpgui 之前，到它的每个连接都使用此模式。</translation>
    </message>
    <message>
        <source>(picked for {name})</source>
        <translation>（为 {name} 选择）</translation>
    </message>
    <message>
        <source>Data connection mode: {mode}, as picked for this server earlier in the mode panel.</source>
        <translation>数据连接模式：{mode}模式（之前在模式面板中为此服务器选择）。</translation>
    </message>
    <message>
        <source>The site “{site}” now uses {mode} mode.</source>
        <translation>站点“{site}”现在使用{mode}模式。</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>Practice server</source>
        <translation>练习服务器</translation>
    </message>
</context>
<context>
    <name>WindowTabs</name>
    <message>
        <source>Close tab</source>
        <translation>关闭标签页</translation>
    </message>
    <message>
        <source>Transfers of {server} are still in the queue ({n}). Cancel them, or keep them running in the queue after the tab is closed?</source>
        <translation>{server} 的传输仍在队列中（{n} 项）。要取消它们，还是在关闭标签页后让它们继续在队列中运行？</translation>
    </message>
    <message>
        <source>Cancel the transfers</source>
        <translation>取消这些传输</translation>
    </message>
    <message>
        <source>Keep them running</source>
        <translation>让它们继续运行</translation>
    </message>
    <message>
        <source>Don&apos;t close</source>
        <translation>不关闭</translation>
    </message>
    <message>
        <source>{tab}: {text}</source>
        <translation>{tab}：{text}</translation>
    </message>
    <message>
        <source>Connected to {server}</source>
        <translation>已连接到 {server}</translation>
    </message>
    <message>
        <source>New &amp;Tab</source>
        <translation>新建标签页(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>Ne&amp;xt Tab</source>
        <translation>下一个标签页(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious Tab</source>
        <translation>上一个标签页(&amp;V)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>If you cancel them, a file cut off in its upload is left incomplete on the server: {names}.</source>
        <translation>如果取消它们，上传中途被中断的文件会以不完整的状态留在服务器上：{names}。</translation>
    </message>
    <message>
        <source>Close Tab</source>
        <translation>关闭标签页</translation>
    </message>
    <message>
        <source>The transfers of {server} have ended while you were asked: closing the tab cancels nothing.</source>
        <translation>{server} 的传输已在询问期间全部结束：关闭标签页不会取消任何传输。</translation>
    </message>
    <message>
        <source>{name} ({kept} of {size} bytes)</source>
        <translation>{name}（{kept} / {size} 字节）</translation>
    </message>
    <message>
        <source>{name} ({kept} bytes)</source>
        <translation>{name}（{kept} 字节）</translation>
    </message>
    <message>
        <source>Transfers of {server} cancelled.</source>
        <translation>已取消 {server} 的传输。</translation>
    </message>
    <message>
        <source>{said} {sentence}</source>
        <translation>{said}{sentence}</translation>
    </message>
    <message>
        <source>Cut off in its upload, this file is left incomplete on the server: {files}.</source>
        <translation>此文件在上传中途被中断，以不完整的状态留在服务器上：{files}。</translation>
    </message>
    <message>
        <source>Cut off while the server was still taking in what was sent, this file may be incomplete there (its size on the server was not read): {files}.</source>
        <translation>此文件在服务器仍在接收已发送的数据时被中断，在服务器上可能不完整（未读取它在服务器上的大小）：{files}。</translation>
    </message>
    <message>
        <source>Cut off in their upload, these files are left incomplete on the server: {files}.</source>
        <translation>以下文件在上传中途被中断，以不完整的状态留在服务器上：{files}。</translation>
    </message>
    <message>
        <source>Cut off while the server was still taking in what was sent, these may be incomplete there (their size on the server was not read): {files}.</source>
        <translation>以下文件在服务器仍在接收已发送的数据时被中断，在服务器上可能不完整（未读取它们在服务器上的大小）：{files}。</translation>
    </message>
    <message>
        <source>No upload was cut off: no file is left incomplete on the server.</source>
        <translation>没有上传被中途中断：服务器上没有留下不完整的文件。</translation>
    </message>
</context>
<context>
    <name>RemoteEditor</name>
    <message>
        <source>{server} through the proxy {proxy}</source>
        <translation>{server}（经过代理 {proxy}）</translation>
    </message>
    <message>
        <source>{name} is a kind of file (“{ext}”) that the system runs rather than shows: opening it runs a program from the server on this computer. Choose an editor in File ▸ Preferences… to read it safely. Open it anyway?</source>
        <translation>{name} 属于系统会运行而不是显示的文件类型（“{ext}”）：打开它就会在这台电脑上运行来自服务器的程序。要安全地查看，请在“文件 ▸ 首选项…”中选择一个编辑器。仍要打开吗？</translation>
    </message>
    <message>
        <source>Run a program?</source>
        <translation>运行程序？</translation>
    </message>
    <message>
        <source>Open Anyway</source>
        <translation>仍然打开</translation>
    </message>
    <message>
        <source>&amp;View File</source>
        <translation>查看文件(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Edit File</source>
        <translation>编辑文件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View {count} Files</source>
        <translation>查看 {count} 个文件(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Edit {count} Files</source>
        <translation>编辑 {count} 个文件(&amp;E)</translation>
    </message>
    <message>
        <source>Could not create a temporary folder: {reason}</source>
        <translation>无法创建临时文件夹：{reason}</translation>
    </message>
    <message>
        <source>Could not download {path} to open it: {reason}</source>
        <translation>无法下载 {path} 以打开它：{reason}</translation>
    </message>
    <message>
        <source>Could not start the editor “{command}”.</source>
        <translation>无法启动编辑器“{command}”。</translation>
    </message>
    <message>
        <source>No application is set up to open {path}. Choose an editor in File ▸ Preferences…</source>
        <translation>没有设置可打开 {path} 的应用程序。请在“文件 ▸ 首选项…”中选择编辑器。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不上传</translation>
    </message>
    <message>
        <source>Open a copy of the remote file; what you save is uploaded back</source>
        <translation>打开远程文件的副本；保存的内容会上传回服务器</translation>
    </message>
    <message>
        <source>Open a read-only copy of the remote file</source>
        <translation>打开远程文件的只读副本</translation>
    </message>
    <message>
        <source>Select a file in the remote pane to view or edit it.</source>
        <translation>请在远程窗格中选择要查看或编辑的文件。</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>{name} is a folder: only files can be viewed or edited.</source>
        <translation>{name} 是文件夹：只能查看或编辑文件。</translation>
    </message>
    <message>
        <source>{path} was not uploaded: connect to {server} again, then save it once more.</source>
        <translation>{path} 未上传：请重新连接到 {server}，然后再保存一次。</translation>
    </message>
    <message>
        <source>{path} was not uploaded: the connection to {server} ended first. Save it again to upload it.</source>
        <translation>{path} 未上传：与 {server} 的连接先结束了。请再保存一次以上传。</translation>
    </message>
    <message>
        <source>{name} was saved. Upload it to {server} as
{path}?</source>
        <translation>{name} 已保存。要将它上传到 {server} 吗？保存为：
{path}</translation>
    </message>
    <message>
        <source>Uploaded {path} to {server}.</source>
        <translation>已将 {path} 上传到 {server}。</translation>
    </message>
    <message>
        <source>Could not upload {path} to {server}: {reason}</source>
        <translation>无法将 {path} 上传到 {server}：{reason}</translation>
    </message>
    <message>
        <source>Uploaded {path} to {server}, but its new size and time could not be read: {reason}</source>
        <translation>已将 {path} 上传到 {server}，但无法读取它的新大小和时间：{reason}</translation>
    </message>
</context>
<context>
    <name>EditEnding</name>
    <message>
        <source>Files you opened for editing may still be open: {names}.</source>
        <translation>你打开编辑的文件可能仍然开着：{names}。</translation>
    </message>
    <message>
        <source>Changes not uploaded: {names}.</source>
        <translation>尚未上传的更改：{names}。</translation>
    </message>
    <message>
        <source>Their temporary copies are deleted when ftpgui quits; later saves are not uploaded.</source>
        <translation>ftpgui 退出时会删除它们的临时副本；之后的保存不会再上传。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit Anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <source>Your changes to {name} are being uploaded to {server} over {path} itself: stopped now, {path} is left incomplete there.</source>
        <translation>你对 {name} 的更改正在直接覆盖上传到 {server} 上的 {path}：现在停止的话，那里的 {path} 会不完整。</translation>
    </message>
    <message>
        <source>Your changes to {name} are being uploaded to {server}: stopped now, {path} stays there as it was, without them.</source>
        <translation>你对 {name} 的更改正在上传到 {server}：现在停止的话，那里的 {path} 保持原样，不含这些更改。</translation>
    </message>
    <message>
        <source>What was sent of them, {part}, is deleted if the connection still allows it, else left there.</source>
        <translation>已发送的部分 {part} 会在连接仍允许时删除，否则会留在那里。</translation>
    </message>
    <message>
        <source>Your changes to {name} are uploaded to {server}, and the server was asked to put them in place of {path}: stopped now, {path} holds either them or the old version - look at it there.</source>
        <translation>你对 {name} 的更改已上传到 {server}，并已请服务器用它们替换 {path}：现在停止的话，{path} 可能是新版本，也可能是旧版本——请到服务器上查看。</translation>
    </message>
    <message>
        <source>Your changes to {name} are in {path} on {server} now; what is left is reading its new size and time: stopped now, {path} keeps them.</source>
        <translation>你对 {name} 的更改现在已在 {server} 上的 {path} 中；只剩读取它的新大小和时间：现在停止的话，{path} 仍保留这些更改。</translation>
    </message>
    <message>
        <source>{part}, the temporary file ftpgui uploaded {path} through, may be left on {server}: it could not be removed. Delete it there if it is.</source>
        <translation>{part}（ftpgui 上传 {path} 时使用的临时文件）可能留在了 {server} 上：无法删除它。如果它还在，请到那里删除。</translation>
    </message>
    <message>
        <source>When ftpgui last ended, it was uploading an edited file through {part} on {server}: that temporary file may be left there. Delete it there if it is.</source>
        <translation>ftpgui 上次结束时，正通过 {server} 上的 {part} 上传一个编辑过的文件：这个临时文件可能留在了那里。如果它还在，请到那里删除。</translation>
    </message>
    <message>
        <source>Wait for the Upload</source>
        <translation>等待上传完成</translation>
    </message>
    <message>
        <source>Waiting for the upload of {path} to {server} to finish.</source>
        <translation>正在等待 {path} 上传到 {server} 完成。</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Disconnect Anyway</source>
        <translation>仍然断开</translation>
    </message>
    <message>
        <source>Close tab</source>
        <translation>关闭标签页</translation>
    </message>
    <message>
        <source>Close Anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <source>{path}, your copy of {remote} on {server}</source>
        <translation>{path}（{server} 上 {remote} 的副本）</translation>
    </message>
    <message>
        <source>Changes saved in {copy} were never uploaded: the copy is kept.</source>
        <translation>保存在 {copy} 中的更改从未上传：该副本已保留。</translation>
    </message>
    <message>
        <source>When ftpgui last ended, changes saved in files opened for editing had not been uploaded. The copies are kept:</source>
        <translation>ftpgui 上次结束时，打开编辑的文件中保存的更改尚未上传。这些副本已保留：</translation>
    </message>
    <message>
        <source>Changes not uploaded</source>
        <translation>更改未上传</translation>
    </message>
    <message>
        <source>Upload a copy yourself to keep its changes. Kept copies are named again at the next start.</source>
        <translation>如需保留其中的更改，请自行上传该副本。保留的副本会在下次启动时再次列出。</translation>
    </message>
    <message>
        <source>Delete the Copies</source>
        <translation>删除这些副本</translation>
    </message>
    <message>
        <source>Keep Them</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Deleted {folder}.</source>
        <translation>已删除 {folder}。</translation>
    </message>
    <message>
        <source>The copies stay open for editing: save one again and it is uploaded to {server} through the tab {tab}.</source>
        <translation>这些副本仍保持打开以供编辑：再次保存其中一个，它就会通过标签页 {tab} 上传到 {server}。</translation>
    </message>
    <message>
        <source>The copies stay open for editing until ftpgui quits, but no other tab is connected to {server}: to upload one, connect to it again, then save it once more.</source>
        <translation>这些副本在 ftpgui 退出前仍保持打开以供编辑，但没有其他标签页连接到 {server}：要上传其中一个，请重新连接到该服务器，然后再保存一次。</translation>
    </message>
</context>
<context>
    <name>AddBookmarkDialog</name>
    <message>
        <source>For this &amp;site only (not browsing a saved site)</source>
        <translation>仅用于此站点（当前浏览的不是已保存的站点）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Compare the two folders</source>
        <translation>比较这两个文件夹(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Local folder:</source>
        <translation>本地文件夹(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Remote folder:</source>
        <translation>远程文件夹(&amp;R)：</translation>
    </message>
    <message>
        <source>Add Bookmark</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <source>Browse the two folders s&amp;ynchronized</source>
        <translation>同步浏览这两个文件夹(&amp;Y)</translation>
    </message>
    <message>
        <source>For &amp;every site</source>
        <translation>用于所有站点(&amp;E)</translation>
    </message>
    <message>
        <source>For this &amp;site only ({site})</source>
        <translation>仅用于此站点（{site}）(&amp;S)</translation>
    </message>
    <message>
        <source>Give a local folder, a remote folder, or both.</source>
        <translation>请填写本地文件夹、远程文件夹，或两者都填。</translation>
    </message>
    <message>
        <source>Synchronized browsing needs both a local and a remote folder.</source>
        <translation>同步浏览需要同时填写本地文件夹和远程文件夹。</translation>
    </message>
    <message>
        <source>The bookmark needs a name.</source>
        <translation>书签需要一个名称。</translation>
    </message>
</context>
<context>
    <name>BookmarksMenu</name>
    <message>
        <source>&amp;Add Bookmark…</source>
        <translation>添加书签(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Manage Bookmarks…</source>
        <translation>管理书签(&amp;M)…</translation>
    </message>
    <message>
        <source>Bookmark {name} added.</source>
        <translation>已添加书签 {name}。</translation>
    </message>
    <message>
        <source>Browsed synchronized</source>
        <translation>同步浏览</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Local: {path}</source>
        <translation>本地：{path}</translation>
    </message>
    <message>
        <source>Not connected: the bookmark&apos;s remote folder {path} is opened once connected to a server.</source>
        <translation>未连接：连接到服务器后才会打开书签的远程文件夹 {path}。</translation>
    </message>
    <message>
        <source>Remote: {path}</source>
        <translation>远程：{path}</translation>
    </message>
    <message>
        <source>The bookmark&apos;s local folder {path} does not exist.</source>
        <translation>书签的本地文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>The bookmark&apos;s remote folder {path} could not be opened: {reason}</source>
        <translation>无法打开书签的远程文件夹 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>&amp;Compare Folders</source>
        <translation>比较文件夹(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Size</source>
        <translation>大小(&amp;S)</translation>
    </message>
    <message>
        <source>Compare &amp;By</source>
        <translation>比较依据(&amp;B)</translation>
    </message>
    <message>
        <source>Comparing the two folders shown, {by}. Times are compared as precisely as the listing gives them: to the second with MLSD, to the minute with LIST, to the day for old files that LIST shows with a date only.</source>
        <translation>正在比较显示的两个文件夹，{by}。时间按列表给出的精度比较：MLSD 精确到秒，LIST 精确到分钟，LIST 只显示日期的旧文件精确到天。</translation>
    </message>
    <message>
        <source>Differs: a folder on one side, a file on the other.</source>
        <translation>不同：一边是文件夹，另一边是文件。</translation>
    </message>
    <message>
        <source>Mark what is only on one side, newer, or of another size, in both panes</source>
        <translation>在两个窗格中标出只在一边、较新或大小不同的项目</translation>
    </message>
    <message>
        <source>Modification &amp;Time</source>
        <translation>修改时间(&amp;T)</translation>
    </message>
    <message>
        <source>Newer here</source>
        <translation>此处较新</translation>
    </message>
    <message>
        <source>Newer here: modified {here}; on the other side {there}.</source>
        <translation>此处较新：修改于 {here}；另一边为 {there}。</translation>
    </message>
    <message>
        <source>Only on this side</source>
        <translation>仅在此侧</translation>
    </message>
    <message>
        <source>Only on this side: the other folder has nothing of this name.</source>
        <translation>仅在此侧：另一边的文件夹中没有同名项目。</translation>
    </message>
    <message>
        <source>Size differs</source>
        <translation>大小不同</translation>
    </message>
    <message>
        <source>Size differs: {here} here, {there} on the other side.</source>
        <translation>大小不同：此处 {here}，另一边 {there}。</translation>
    </message>
    <message>
        <source>by modification time</source>
        <translation>按修改时间</translation>
    </message>
    <message>
        <source>by size</source>
        <translation>按大小</translation>
    </message>
</context>
<context>
    <name>ManageBookmarksDialog</name>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every site</source>
        <translation>所有站点</translation>
    </message>
    <message>
        <source>Manage Bookmarks</source>
        <translation>管理书签</translation>
    </message>
</context>
<context>
    <name>SyncBrowsing</name>
    <message>
        <source>Create It</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Entering or leaving a folder in one pane does the same in the other</source>
        <translation>在一个窗格中进入或离开文件夹时，另一个窗格也同样操作</translation>
    </message>
    <message>
        <source>S&amp;ynchronized Browsing</source>
        <translation>同步浏览(&amp;Y)</translation>
    </message>
    <message>
        <source>Synchronized browsing</source>
        <translation>同步浏览</translation>
    </message>
    <message>
        <source>Synchronized browsing needs a connection: connect to a server first.</source>
        <translation>同步浏览需要连接：请先连接到服务器。</translation>
    </message>
    <message>
        <source>Synchronized browsing: the local folder {path} does not exist.</source>
        <translation>同步浏览：本地文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>Synchronized browsing: the remote folder {path} does not exist.</source>
        <translation>同步浏览：远程文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <source>Synchronized browsing: the remote folder {path} could not be opened: {reason}</source>
        <translation>同步浏览：无法打开远程文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>Synchronized browsing: {path} on the server is a file, not a folder; the remote pane stays where it is.</source>
        <translation>同步浏览：服务器上的 {path} 是文件，不是文件夹；远程窗格保持不动。</translation>
    </message>
    <message>
        <source>Synchronized browsing: {path} here is a file, not a folder; the local pane stays where it is.</source>
        <translation>同步浏览：本地的 {path} 是文件，不是文件夹；本地窗格保持不动。</translation>
    </message>
    <message>
        <source>Synchronized browsing: {local} and {remote} move together.</source>
        <translation>同步浏览：{local} 和 {remote} 将一起移动。</translation>
    </message>
    <message>
        <source>Synchronized browsing: {path} is outside the paired folders {local} and {remote}; the other pane stays where it is.</source>
        <translation>同步浏览：{path} 不在配对的文件夹 {local} 和 {remote} 之内；另一个窗格保持不动。</translation>
    </message>
</context>
<context>
    <name>ProxyFields</name>
    <message>
        <source>Active mode works only if the proxy allows SOCKS BIND (many do not).</source>
        <translation>只有代理允许 SOCKS BIND 时主动模式才能工作（很多代理不允许）。</translation>
    </message>
    <message>
        <source>As in the preferences</source>
        <translation>与首选项相同</translation>
    </message>
    <message>
        <source>HTTP (CONNECT)</source>
        <translation>HTTP（CONNECT）</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Passive mode only: an HTTP proxy cannot pass the server's connection back (active mode).</source>
        <translation>仅限被动模式：HTTP 代理无法把服务器发来的连接转回来（主动模式）。</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source>No keyring: asked when you connect</source>
        <translation>无可用密钥环：连接时询问</translation>
    </message>
    <message>
        <source>No usable keyring can keep the proxy&apos;s password: you will be asked for it when you connect.</source>
        <translation>没有可用的密钥环能保存代理的密码：连接时将询问您。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>proxy host</source>
        <translation>代理主机</translation>
    </message>
</context>
<context>
    <name>proxy</name>
    <message>
        <source>the proxy {user}@{proxy}</source>
        <translation>代理 {user}@{proxy}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Quick filter (Ctrl+F)</source>
        <translation>快速筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>快速筛选</translation>
    </message>
    <message>
        <source>Show only the names that contain this text; * and ? match like in file patterns. Esc clears it.</source>
        <translation>只显示名称中含有这段文字的条目；* 和 ? 与文件名模式中的含义相同。按 Esc 清除。</translation>
    </message>
    <message>
        <source>Filters…</source>
        <translation>过滤器…</translation>
    </message>
    <message>
        <source>Define filters and switch them on</source>
        <translation>定义过滤器并启用</translation>
    </message>
    <message>
        <source>{n} hidden by filters</source>
        <translation>过滤器隐藏了 {n} 项</translation>
    </message>
    <message>
        <source>{n} hidden by the quick filter</source>
        <translation>快速筛选隐藏了 {n} 项</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Filters on: {names}</source>
        <translation>已启用的过滤器：{names}</translation>
    </message>
</context>
<context>
    <name>FiltersDialog</name>
    <message>
        <source>Filename Filters</source>
        <translation>文件名过滤器</translation>
    </message>
    <message>
        <source>A filter hides the entries that meet all of its conditions. Switch a filter on for all sites or for this site only; the panes say how many entries the filters hide.</source>
        <translation>过滤器会隐藏满足其全部条件的条目。可以对所有站点启用过滤器，也可以只对当前站点启用；窗格会显示过滤器隐藏了多少项。</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>On for &amp;all sites</source>
        <translation>对所有站点启用(&amp;A)</translation>
    </message>
    <message>
        <source>On for this &amp;site ({site})</source>
        <translation>对此站点启用（{site}）(&amp;S)</translation>
    </message>
    <message>
        <source>On for this site (connect to a saved site first)</source>
        <translation>对此站点启用（请先连接到已保存的站点）</translation>
    </message>
    <message>
        <source>Also leave out what the filters hide when transferring folders</source>
        <translation>传输文件夹时也跳过过滤器隐藏的条目</translation>
    </message>
    <message>
        <source>New filter</source>
        <translation>新过滤器</translation>
    </message>
    <message>
        <source>New filter {n}</source>
        <translation>新过滤器 {n}</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>Filter &amp;name:</source>
        <translation>过滤器名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. *.tmp;*.bak</source>
        <translation>例如 *.tmp;*.bak</translation>
    </message>
    <message>
        <source>Name &amp;pattern:</source>
        <translation>名称模式(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Regular expression</source>
        <translation>正则表达式(&amp;R)</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>e.g. 10 MB</source>
        <translation>例如 10 MB</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Size &amp;larger than:</source>
        <translation>大小大于(&amp;L)：</translation>
    </message>
    <message>
        <source>Size &amp;smaller than:</source>
        <translation>大小小于(&amp;S)：</translation>
    </message>
    <message>
        <source>Modified &amp;after:</source>
        <translation>修改日期晚于(&amp;A)：</translation>
    </message>
    <message>
        <source>Modified &amp;before:</source>
        <translation>修改日期早于(&amp;B)：</translation>
    </message>
    <message>
        <source>Files and folders</source>
        <translation>文件和文件夹</translation>
    </message>
    <message>
        <source>Files only</source>
        <translation>仅文件</translation>
    </message>
    <message>
        <source>Folders only</source>
        <translation>仅文件夹</translation>
    </message>
    <message>
        <source>Applies &amp;to:</source>
        <translation>适用于(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Searched {n} folders, the limit of one search; the folders beyond were left out.</source>
        <translation>已搜索 {n} 个文件夹，达到单次搜索的上限；其余文件夹未搜索。</translation>
    </message>
    <message>
        <source>Stopped after {n} entries (the limit of one search).</source>
        <translation>查看 {n} 个条目后停止（单次搜索的上限）。</translation>
    </message>
    <message>
        <source>deeper than {n} levels: not searched</source>
        <translation>深于 {n} 层：未搜索</translation>
    </message>
    <message>
        <source>listed with a name no entry of a folder can have (a slash in it, or . or ..): not searched</source>
        <translation>列出的名称不可能是文件夹中的条目（含有斜杠，或为 . 或 ..）：未搜索</translation>
    </message>
    <message>
        <source>{n} entries were left out (see the tooltip).</source>
        <translation>有 {n} 个条目未搜索（见工具提示）。</translation>
    </message>
    <message>
        <source>Search Remote Files</source>
        <translation>搜索远程文件</translation>
    </message>
    <message>
        <source>Search &amp;in:</source>
        <translation>搜索位置(&amp;I)：</translation>
    </message>
    <message>
        <source>e.g. *.txt (empty: every name)</source>
        <translation>例如 *.txt（留空：所有名称）</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The window now browses another server: search again first.</source>
        <translation>窗口现在浏览的是另一台服务器：请先重新搜索。</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Searching… {found} found in {folders} folders</source>
        <translation>正在搜索… 已在 {folders} 个文件夹中找到 {found} 项</translation>
    </message>
    <message>
        <source>{found} found in {folders} folders.</source>
        <translation>在 {folders} 个文件夹中找到 {found} 项。</translation>
    </message>
    <message>
        <source>{n} folders could not be listed.</source>
        <translation>有 {n} 个文件夹无法列出。</translation>
    </message>
    <message>
        <source>{n} listing line(s) could not be read in {folder}; what they name is not searched.</source>
        <translation>{folder} 的列表中有 {n} 行无法读取；其所指的内容未被搜索。</translation>
    </message>
    <message>
        <source>{n} listing lines could not be read in {folders} folders; what they name is not searched.</source>
        <translation>{folders} 个文件夹的列表中共有 {n} 行无法读取；其所指的内容未被搜索。</translation>
    </message>
    <message>
        <source>The first {n} are shown.</source>
        <translation>只显示前 {n} 项。</translation>
    </message>
    <message>
        <source>Stopped: {found} found.</source>
        <translation>已停止：找到 {found} 项。</translation>
    </message>
    <message>
        <source>{n} added to the queue.</source>
        <translation>已将 {n} 项加入队列。</translation>
    </message>
    <message>
        <source>Delete {path} from the server?</source>
        <translation>要从服务器删除 {path} 吗？</translation>
    </message>
    <message>
        <source>Delete these {n} items from the server?</source>
        <translation>要从服务器删除这 {n} 项吗？</translation>
    </message>
    <message>
        <source>Folders are deleted with everything in them.</source>
        <translation>文件夹会连同其中的所有内容一起删除。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{n} deleted.</source>
        <translation>已删除 {n} 项。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>WindowFilters</name>
    <message>
        <source>&amp;Quick Filter</source>
        <translation>快速筛选(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Filters…</source>
        <translation>过滤器(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Search Remote Files…</source>
        <translation>搜索远程文件(&amp;S)…</translation>
    </message>
    <message>
        <source>Filters left {n} entries out of the folder transfers.</source>
        <translation>过滤器使文件夹传输跳过了 {n} 个条目。</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
</context>
<context>
    <name>EncodingBox</name>
    <message>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Traditional Chinese</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>Traditional Chinese, Hong Kong</source>
        <translation>繁体中文，香港</translation>
    </message>
    <message>
        <source>Traditional Chinese, Windows</source>
        <translation>繁体中文，Windows</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <source>Japanese, Windows</source>
        <translation>日文，Windows</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩文</translation>
    </message>
    <message>
        <source>Korean, Windows</source>
        <translation>韩文，Windows</translation>
    </message>
    <message>
        <source>ISO-8859-1, Western European</source>
        <translation>ISO-8859-1，西欧语言</translation>
    </message>
    <message>
        <source>Western European</source>
        <translation>西欧语言</translation>
    </message>
    <message>
        <source>Auto (UTF-8)</source>
        <translation>自动（UTF-8）</translation>
    </message>
    <message>
        <source>Auto (UTF-8, else {codec})</source>
        <translation>自动（UTF-8，否则 {codec}）</translation>
    </message>
    <message>
        <source>{codec} ({language})</source>
        <translation>{codec}（{language}）</translation>
    </message>
    <message>
        <source>How file names are read and written. Auto: UTF-8 when the server offers it. “UTF-8, else GBK”: a name that is not valid UTF-8 is read as GBK, and a name you type goes out in GBK to a server that does not offer UTF-8. A single encoding is used for every name.</source>
        <translation>文件名的读写方式。自动：服务器支持时使用 UTF-8。“UTF-8，否则 GBK”：不是有效 UTF-8 的文件名按 GBK 读取；对不支持 UTF-8 的服务器，你输入的文件名以 GBK 发送。单一编码则用于所有文件名。</translation>
    </message>
</context>
<context>
    <name>NameHint</name>
    <message>
        <source>Some file names on this server are not {codec}; bytes that cannot be read show as codes such as {byte}.</source>
        <translation>此服务器上的部分文件名不是 {codec} 编码；无法读取的字节显示为 {byte} 这样的代码。</translation>
    </message>
    <message>
        <source>If you know the server&apos;s code page, choose it as this site&apos;s encoding.</source>
        <translation>如果你知道服务器使用的代码页，请在此站点的编码中选择它。</translation>
    </message>
    <message>
        <source>If you know the server&apos;s code page, save the server as a site and choose it as its encoding.</source>
        <translation>如果你知道服务器使用的代码页，请将服务器保存为站点，并在其编码中选择它。</translation>
    </message>
    <message>
        <source>They look like {codec}: “{example}”.</source>
        <translation>它们看起来是 {codec} 编码：“{example}”。</translation>
    </message>
    <message>
        <source>To read them, set this site&apos;s encoding to “{choice}”.</source>
        <translation>要正确读取这些文件名，请将此站点的编码设为“{choice}”。</translation>
    </message>
    <message>
        <source>To read them, connect with the encoding “{choice}” (a saved site keeps it).</source>
        <translation>要正确读取这些文件名，请用编码“{choice}”连接（保存为站点可保留此设置）。</translation>
    </message>
    <message>
        <source>{count} line(s) of the listing of {folder} could not be read; what they name is not shown: “{lines}</source>
        <translation>{folder} 的列表中有 {count} 行无法读取；其所指的内容未显示：“{lines}</translation>
    </message>
    <message>
        <source>{count} line(s) of the listing of {folder} could not be read; what they name is not searched: “{lines}</source>
        <translation>{folder} 的列表中有 {count} 行无法读取；其所指的内容未被搜索：“{lines}</translation>
    </message>
    <message>
        <source>{count} line(s) of the listing of {folder} could not be read; what they name is not deleted, and so neither is the folder: “{lines}</source>
        <translation>{folder} 的列表中有 {count} 行无法读取；其所指的内容未被删除，因此该文件夹也未被删除：“{lines}</translation>
    </message>
    <message>
        <source>{count} line(s) of the listing of {folder} could not be read; what they name is not changed: “{lines}</source>
        <translation>{folder} 的列表中有 {count} 行无法读取；其所指的内容的权限未被更改：“{lines}</translation>
    </message>
    <message>
        <source>Some names are not {codec} (unreadable bytes show as {byte}); they look like {guess}: “{example}”.</source>
        <translation>部分文件名不是 {codec} 编码（无法读取的字节显示为 {byte}），看起来是 {guess} 编码：“{example}”。</translation>
    </message>
    <message>
        <source>Use “{choice}” for this site…</source>
        <translation>为此站点使用“{choice}”…</translation>
    </message>
    <message>
        <source>Site&apos;s encoding…</source>
        <translation>站点编码…</translation>
    </message>
    <message>
        <source>Connect with “{choice}”</source>
        <translation>用“{choice}”重新连接</translation>
    </message>
    <message>
        <source>That would also change {count} name(s) that read correctly now: “{before}” would show as “{after}”.</source>
        <translation>这也会改变 {count} 个现在显示正确的文件名：“{before}”会显示为“{after}”。</translation>
    </message>
</context>
<context>
    <name>NameHintBar</name>
    <message>
        <source>Hide this note</source>
        <translation>隐藏此提示</translation>
    </message>
</context>
<context>
    <name>EditConflict</name>
    <message>
        <source>{path} was deleted on the server after you opened it.</source>
        <translation>你打开 {path} 之后，它在服务器上被删除了。</translation>
    </message>
    <message>
        <source>{path} changed on the server after you opened it.</source>
        <translation>你打开 {path} 之后，它在服务器上被更改了。</translation>
    </message>
    <message>
        <source>Changed on the server</source>
        <translation>服务器上已更改</translation>
    </message>
    <message>
        <source>Your changes to {name} are not uploaded yet.</source>
        <translation>你对 {name} 的更改尚未上传。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Save as New Name…</source>
        <translation>另存为新名称…</translation>
    </message>
    <message>
        <source>Discard My Changes</source>
        <translation>放弃我的更改</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>暂不上传</translation>
    </message>
    <message>
        <source>{path} was not uploaded: your changes stay in {local}. Save it again to upload it.</source>
        <translation>{path} 未上传：你的更改仍在 {local} 中。请再保存一次以上传。</translation>
    </message>
    <message>
        <source>Save as New Name</source>
        <translation>另存为新名称</translation>
    </message>
    <message>
        <source>Name for your version, in {folder}:</source>
        <translation>你的版本在 {folder} 中的名称：</translation>
    </message>
    <message>
        <source>{stem} (edited){ext}</source>
        <translation>{stem}（已编辑）{ext}</translation>
    </message>
    <message>
        <source>{name!r} is not a valid name.</source>
        <translation>{name!r} 不是有效的名称。</translation>
    </message>
    <message>
        <source>{path} already exists on the server: choose another name.</source>
        <translation>服务器上已存在 {path}：请另选一个名称。</translation>
    </message>
</context>
<context>
    <name>DragMove</name>
    <message>
        <source>Move {name} into the folder
{folder}?</source>
        <translation>要将 {name} 移动到以下文件夹吗？
{folder}</translation>
    </message>
    <message>
        <source>Move {n} items into the folder
{folder}?</source>
        <translation>要将 {n} 个项目移动到以下文件夹吗？
{folder}</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>{name} already exists on {server}: it will be replaced.</source>
        <translation>{server} 上已存在 {name}，它将被替换。</translation>
    </message>
    <message>
        <source>These {n} files already exist on {server} and will be replaced:</source>
        <translation>{server} 上已存在以下 {n} 个文件，它们将被替换：</translation>
    </message>
    <message>
        <source>Move and Replace</source>
        <translation>移动并替换</translation>
    </message>
</context>
<context>
    <name>UndecodedBar</name>
    <message>
        <source>Show…</source>
        <translation>显示…</translation>
    </message>
    <message>
        <source>1 item here has a name that is not valid UTF-8 and is not listed:</source>
        <translation>此处有 1 项的名称不是有效的 UTF-8，未列出：</translation>
    </message>
    <message>
        <source>{n} items here have names that are not valid UTF-8 and are not listed:</source>
        <translation>此处有 {n} 项的名称不是有效的 UTF-8，未列出：</translation>
    </message>
</context>
<context>
    <name>UndecodedDialog</name>
    <message>
        <source>Names that are not UTF-8</source>
        <translation>不是 UTF-8 的名称</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>上传(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>Move to &amp;Trash…</source>
        <translation>移到回收站(&amp;T)…</translation>
    </message>
    <message>
        <source>The list cannot show these items of {folder}: their names are not valid UTF-8. The bytes that are not are shown as \xNN. Upload them as they are, or rename them.</source>
        <translation>列表无法显示 {folder} 中的这些项目：它们的名称不是有效的 UTF-8。其中不是 UTF-8 的字节显示为 \xNN。可以按原样上传，或将其重命名。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>BreakConnection</name>
    <message>
        <source>Break current connection?</source>
        <translation>断开当前连接？</translation>
    </message>
    <message>
        <source>This tab is connected to {server}.
Connect to {target} in a new tab, or end that connection and connect to {target} in this tab?</source>
        <translation>此标签页已连接到 {server}。
在新标签页中连接到 {target}，还是断开该连接、在此标签页中连接到 {target}？</translation>
    </message>
    <message>
        <source>Connect in a &amp;new tab</source>
        <translation>在新标签页中连接(&amp;N)</translation>
    </message>
    <message>
        <source>Connect in &amp;this tab</source>
        <translation>在此标签页中连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t ask again</source>
        <translation>不再询问(&amp;D)</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>ftpgui: cannot listen for other starts: {reason}</source>
        <translation>ftpgui：无法接收之后各次启动的请求：{reason}</translation>
    </message>
    <message>
        <source>ftpgui: another start showed this window (1 address opened).</source>
        <translation>ftpgui：另一次启动显示了此窗口（打开了 1 个地址）。</translation>
    </message>
    <message>
        <source>ftpgui: another start showed this window ({n} addresses opened).</source>
        <translation>ftpgui：另一次启动显示了此窗口（打开了 {n} 个地址）。</translation>
    </message>
    <message>
        <source>ftpgui is already running with this config folder: its window is shown.</source>
        <translation>ftpgui 已在使用此配置文件夹运行：已显示它的窗口。</translation>
    </message>
    <message>
        <source>ftpgui is already running with this config folder, but did not answer.</source>
        <translation>ftpgui 已在使用此配置文件夹运行，但它没有应答。</translation>
    </message>
</context>
</TS>
