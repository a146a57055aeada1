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
</context>
<context>
    <name>ExistsDialog</name>
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
        <source>Apply to all files that exist (this queue session)</source>
        <translation>应用于所有已存在的文件（本次队列会话）</translation>
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
        <source>Move {name} to the trash?</source>
        <translation>要将 {name} 移到回收站吗？</translation>
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
        <source>Move to Trash</source>
        <translation>移到回收站</translation>
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
    <name>LocalPane</name>
    <message>
        <source>Local folder</source>
        <translation>本地文件夹</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Connection modes</source>
        <translation>连接模式</translation>
    </message>
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
        <source>Quick connect</source>
        <translation>快速连接</translation>
    </message>
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
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Connected to {server}</source>
        <translation>已连接到 {server}</translation>
    </message>
    <message>
        <source>No encryption</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>{server} does not offer TLS: {reason}

Continue in plain text? The password and the files would travel unencrypted.</source>
        <translation>{server} 不支持 TLS：{reason}

以明文继续吗？密码和文件将以未加密的方式传输。</translation>
    </message>
    <message>
        <source>Continue in plain text</source>
        <translation>以明文继续</translation>
    </message>
    <message>
        <source>Not connected. Connect to a server first.</source>
        <translation>未连接。请先连接到服务器。</translation>
    </message>
    <message>
        <source>Practice server</source>
        <translation>练习服务器</translation>
    </message>
    <message>
        <source>{n} queued, {left} left</source>
        <translation>{n} 个排队中，剩余 {left}</translation>
    </message>
    <message>
        <source>, {rate}/s</source>
        <translation>，{rate}/秒</translation>
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
        <source>Connection lost; it reconnects with your next action</source>
        <translation>连接已断开；下次操作时将重新连接</translation>
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
        <source>quit</source>
        <translation>已退出</translation>
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
        <source>229 {arg} → port {port} on the address the control connection goes to</source>
        <translation>229 {arg} → 控制连接所连地址上的端口 {port}</translation>
    </message>
    <message>
        <source>advertised {advertised}, dialled {target}</source>
        <translation>通告的是 {advertised}，实际拨号 {target}</translation>
    </message>
    <message>
        <source>advertised {advertised}, listening on {target}</source>
        <translation>通告的是 {advertised}，实际监听 {target}</translation>
    </message>
    <message>
        <source>(the last: {client} ↔ {server})</source>
        <translation>（最近一次：{client} ↔ {server}）</translation>
    </message>
    <message>
        <source>… and 1 more data connection like this one</source>
        <translation>……还有 1 条与此相同的数据连接</translation>
    </message>
    <message>
        <source>… and {count} more data connections like this one</source>
        <translation>……还有 {count} 条与此相同的数据连接</translation>
    </message>
    <message>
        <source>The client connected from its port {client_port} to the server&apos;s port {server_port}: the control connection. Commands and replies use it for the whole session; files and directory listings never do. No data port is opened yet: each transfer will get a fresh one.</source>
        <translation>客户端从自己的端口 {client_port} 连接到服务器的端口 {server_port}：这就是控制连接。整个会话中的命令和应答都走这条连接；文件和目录列表从不走它。此时还没有打开任何数据端口：每次传输都会新开一个。</translation>
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
        <source>{host} is a private address: a server across the internet cannot reach it when this computer is behind a home router (NAT) — the usual reason active mode fails there.</source>
        <translation>{host} 是私有地址：当本机位于家用路由器（NAT）之后时，互联网另一端的服务器无法连到它——这才是主动模式在这种环境下失败的常见原因。</translation>
    </message>
    <message>
        <source>The server refused {command}: {reply}</source>
        <translation>服务器拒绝了 {command}：{reply}</translation>
    </message>
    <message>
        <source>The server accepted {command} ({code}): it will connect to the client&apos;s port.</source>
        <translation>服务器接受了 {command}（{code}）：它将连接客户端的端口。</translation>
    </message>
    <message>
        <source>The server answered {code}.</source>
        <translation>服务器应答 {code}。</translation>
    </message>
    <message>
        <source>The server listens on a new port and names it in its 227 reply: the last two numbers are {p1}×256+{p2} = {port}.</source>
        <translation>服务器在一个新端口上监听，并在 227 应答中告知：最后两个数表示 {p1}×256+{p2} = {port}。</translation>
    </message>
    <message>
        <source>The server listens on port {port} and names only the port in its 229 reply: the address is the one the control connection already goes to (RFC 2428).</source>
        <translation>服务器在端口 {port} 上监听，229 应答只给出端口号：地址就是控制连接已经连着的那个地址（RFC 2428）。</translation>
    </message>
    <message>
        <source>The reply named {advertised}, which is not the server&apos;s address (a server behind NAT); the client dials {target}, the address it already talks to.</source>
        <translation>应答中给出的是 {advertised}，并不是服务器的地址（服务器位于 NAT 之后）；客户端改为拨号 {target}，即它正在通信的地址。</translation>
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
        <source>The client dials the server: from its port {client_port} to the server&apos;s port {server_port}. The data connection is up.</source>
        <translation>客户端拨号服务器：从它的端口 {client_port} 连到服务器的端口 {server_port}。数据连接已建立。</translation>
    </message>
    <message>
        <source>The server dials the client: from its port {server_port} to the client&apos;s port {client_port}. The data connection is up.</source>
        <translation>服务器拨号客户端：从它的端口 {server_port} 连到客户端的端口 {client_port}。数据连接已建立。</translation>
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
        <source>A stateful firewall with an FTP helper reads PORT and PASV on the control connection and opens the data port by itself — but not once the control connection is encrypted (FTPS).</source>
        <translation>带 FTP 辅助模块的状态防火墙会读取控制连接上的 PORT 和 PASV，并自动放行数据端口——但控制连接一旦加密（FTPS），它就读不到了。</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>连接</translation>
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
        <source>client firewall</source>
        <translation>客户端防火墙</translation>
    </message>
    <message>
        <source>server firewall</source>
        <translation>服务器防火墙</translation>
    </message>
    <message>
        <source>What if this computer had a firewall: it lets the computer&apos;s own outgoing connections through, so the control connection and passive mode work, but it stops the server&apos;s incoming connection to port {port}. Active mode fails (the server answers 425, or the wait times out). Use passive mode, or open the port; an FTP helper in the firewall can open it by itself, unless the control connection is encrypted (FTPS).</source>
        <translation>假如本机有防火墙：它放行本机自己发起的连接，所以控制连接和被动模式都能用，但会拦住服务器连入端口 {port} 的连接。主动模式失败（服务器应答 425，或等待超时）。请改用被动模式，或放行该端口；防火墙的 FTP 辅助模块可以自动放行，除非控制连接已加密（FTPS）。</translation>
    </message>
    <message>
        <source>What if the server&apos;s firewall admitted only its control port {control_port}: the client&apos;s connection to the server&apos;s data port {port} is stopped, and passive mode fails (the connection times out). The usual fix is on the server: open a passive port range in its firewall and in the FTP server&apos;s settings. Meanwhile active mode works, unless this computer has a firewall or is behind NAT.</source>
        <translation>假如服务器的防火墙只放行它的控制端口 {control_port}：客户端连往服务器数据端口 {port} 的连接会被拦住，被动模式失败（连接超时）。通常的解决办法在服务器上：在防火墙和 FTP 服务器设置中开放一个被动端口范围。在此之前主动模式可用，除非本机有防火墙或位于 NAT 之后。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In passive mode the client dials the server&apos;s port {port}, and the server&apos;s firewall admits its passive port range.</source>
        <translation>假如：这条数据连接仍然可用。被动模式中客户端拨号服务器的端口 {port}，而服务器的防火墙放行其被动端口范围。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In passive mode the client dials out to the server&apos;s port {port}; a firewall on the client&apos;s side lets outgoing connections and their replies through.</source>
        <translation>假如：这条数据连接仍然可用。被动模式中客户端向外拨号到服务器的端口 {port}；客户端一侧的防火墙会放行向外的连接及其回包。</translation>
    </message>
    <message>
        <source>What if: this data connection still works. In active mode the server dials out to the client; a firewall at the server lets the server&apos;s own outgoing connections through.</source>
        <translation>假如：这条数据连接仍然可用。主动模式中由服务器向外拨号到客户端；服务器端的防火墙会放行服务器自己发起的连接。</translation>
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
        <source>server firewall, only port 21 open</source>
        <translation>服务器防火墙，只开放 21 端口</translation>
    </message>
    <message>
        <source>server firewall, passive range open</source>
        <translation>服务器防火墙，开放了被动端口范围</translation>
    </message>
    <message>
        <source>both, only port 21 open</source>
        <translation>两边都有，服务器只开放 21 端口</translation>
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
        <translation>拨号</translation>
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
        <translation>被动：客户端拨号服务器的数据端口。主动：服务器拨号客户端的数据端口。自动：先用被动，失败时改用主动。</translation>
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
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
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
        <source>Imagine a firewall at the server that admits only port 21</source>
        <translation>设想服务器端的防火墙只放行 21 端口</translation>
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
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Diagnosis: {mode}</source>
        <translation>诊断：{mode}</translation>
    </message>
    <message>
        <source>Connection {number}</source>
        <translation>连接 {number}</translation>
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
        <translation>模拟：服务器拒绝连回你的端口，并应答 425</translation>
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
        <translation>推荐：{mode}</translation>
    </message>
    <message>
        <source>Use {mode} for this site</source>
        <translation>此站点使用{mode}模式</translation>
    </message>
    <message>
        <source>Trying passive mode, then active mode…</source>
        <translation>正在先试被动模式，再试主动模式……</translation>
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
        <translation>此站点使用推荐的模式</translation>
    </message>
    <message>
        <source>{mode}: works.</source>
        <translation>{mode}：可用。</translation>
    </message>
    <message>
        <source>{mode}: fails at the “{stage}” stage ({cause}).</source>
        <translation>{mode}：在“{stage}”阶段失败（{cause}）。</translation>
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
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Password for {site}</source>
        <translation>{site} 的密码</translation>
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
</context>
<context>
    <name>PermissionsDialog</name>
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
</context>
<context>
    <name>PreferencesDialog</name>
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
        <source>this computer&apos;s address as the server sees it (behind NAT)</source>
        <translation>本机的公网地址（在 NAT 之后时）</translation>
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
        <source>Incomplete: the server has {n} bytes</source>
        <translation>不完整：服务器上有 {n} 字节</translation>
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
        <source>the server&apos;s file is not older</source>
        <translation>服务器上的文件并不更旧</translation>
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
        <source>{n} files waiting, {left} left</source>
        <translation>{n} 个文件等待中，剩余 {left}</translation>
    </message>
    <message>
        <source>, {rate}/s</source>
        <translation>，{rate}/秒</translation>
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
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
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
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
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
</context>
<context>
    <name>RemoteFileActions</name>
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
        <source>Delete the {kind} {name} from the server?</source>
        <translation>要从服务器删除{kind} {name} 吗？</translation>
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
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
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
        <source>Delete</source>
        <translation>删除</translation>
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
        <source>FTP – use explicit TLS if available</source>
        <translation>FTP – 如果可用，使用显式 TLS</translation>
    </message>
    <message>
        <source>FTP – require explicit TLS</source>
        <translation>FTP – 要求显式 TLS</translation>
    </message>
    <message>
        <source>FTP – require implicit TLS (FTPS)</source>
        <translation>FTP – 要求隐式 TLS（FTPS）</translation>
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
        <translation>默认（取自首选项）</translation>
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
        <source>Auto-detect</source>
        <translation>自动检测</translation>
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
        <source>Transfer &amp;connections:</source>
        <translation>传输连接数(&amp;C)：</translation>
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
        <source>Passwords cannot be saved: {reason}. You will be asked for them when you connect, and can have them remembered until ftpgui closes.</source>
        <translation>无法保存密码：{reason}。连接时将询问您密码，您可以让 ftpgui 记住它们直到程序关闭。</translation>
    </message>
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
        <source>Sites imported: {sites} (passwords for the keyring: {passwords}); skipped: {skipped}.</source>
        <translation>已导入站点：{sites}（存入密钥环的密码：{passwords}）；已跳过：{skipped}。</translation>
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
        <source>Reading the password from the system keyring…</source>
        <translation>正在从系统密钥环读取密码…</translation>
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
        <source>Unexpected error ({kind}: {detail}). This may be a bug in ftpgui; please report it.</source>
        <translation>意外错误（{kind}：{detail}）。这可能是 ftpgui 的缺陷，请报告。</translation>
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
        <source>The server sent a reply line longer than {limit} bytes.</source>
        <translation>服务器发送的响应行超过 {limit} 字节。</translation>
    </message>
    <message>
        <source>The server&apos;s reply was still not complete after {seconds} seconds (it sent {size} bytes); gave up.</source>
        <translation>服务器的响应在 {seconds} 秒后仍未完整（已发送 {size} 字节）；已放弃。</translation>
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
        <translation>服务器在 {seconds} 秒内没有应答。</translation>
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
        <source>The server refused TLS (AUTH TLS: {code} {text}); not continuing.</source>
        <translation>服务器拒绝了 TLS（AUTH TLS：{code} {text}）；不再继续。</translation>
    </message>
    <message>
        <source>The server answered AUTH TLS with {reply!r}, not 234; not continuing.</source>
        <translation>服务器对 AUTH TLS 的响应是 {reply!r}，而不是 234；不再继续。</translation>
    </message>
    <message>
        <source>The TLS handshake with {host} failed: {reason}</source>
        <translation>与 {host} 的 TLS 握手失败：{reason}</translation>
    </message>
    <message>
        <source>The server refused to encrypt data connections: {code} {text}</source>
        <translation>服务器拒绝加密数据连接：{code} {text}</translation>
    </message>
    <message>
        <source>The server&apos;s SIZE reply is not a number: {reply!r}</source>
        <translation>服务器对 SIZE 的响应不是数字：{reply!r}</translation>
    </message>
    <message>
        <source>The download is incomplete: {got} of {total} bytes.</source>
        <translation>下载不完整：{total} 字节中只收到 {got} 字节。</translation>
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
        <source>The listing did not finish within {seconds} seconds; stopped.</source>
        <translation>目录列表未能在 {seconds} 秒内完成；已停止。</translation>
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
        <source>The server could not connect to {host} port {port}: {code} {text}</source>
        <translation>服务器无法连接到 {host} 的端口 {port}：{code} {text}</translation>
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
        <source>Could not rename {source} to {target}: {reason}</source>
        <translation>无法将 {source} 重命名为 {target}：{reason}</translation>
    </message>
    <message>
        <source>The server reported the transfer as failed: {code} {text}</source>
        <translation>服务器报告传输失败：{code} {text}</translation>
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
        <translation>服务器的 EPSV 应答格式错误：{reply}</translation>
    </message>
    <message>
        <source>Refused to send a command containing {name}: {command}</source>
        <translation>拒绝发送包含 {name} 的命令：{command}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply has no address in it: {reply}</source>
        <translation>服务器的 PASV 应答中没有地址：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply has a number over 255: {reply}</source>
        <translation>服务器的 PASV 应答中有大于 255 的数字：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s PASV reply names port {port}, outside 1–65535: {reply}</source>
        <translation>服务器的 PASV 应答给出的端口 {port} 不在 1–65535 之内：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s EPSV reply uses an invalid delimiter: {reply}</source>
        <translation>服务器的 EPSV 应答使用了无效的分隔符：{reply}</translation>
    </message>
    <message>
        <source>The server&apos;s EPSV reply names port {port}, outside 1–65535</source>
        <translation>服务器的 EPSV 应答给出的端口 {port} 不在 1–65535 之内</translation>
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
        <translation>服务器的 257 应答给出的路径含有换行符或 NUL：{path}</translation>
    </message>
    <message>
        <source>The server&apos;s 257 reply names no directory: {reply}</source>
        <translation>服务器的 257 应答没有给出目录：{reply}</translation>
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
        <source>Not a valid URL: {reason}</source>
        <translation>不是有效的 URL：{reason}</translation>
    </message>
    <message>
        <source>Only ftp:// and ftps:// URLs are supported, not {scheme}</source>
        <translation>只支持 ftp:// 和 ftps:// 地址，不支持 {scheme}</translation>
    </message>
    <message>
        <source>The URL names no host.</source>
        <translation>该 URL 没有指定主机。</translation>
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
</context>
<context>
    <name>explain</name>
    <message>
        <source>Passive mode failed: our connection to the data port the server named went unanswered or was refused, likely a firewall at the server. The usual fix is on the server: open its passive port range. Active mode may work meanwhile.</source>
        <translation>被动模式失败：我们连接服务器给出的数据端口时没有回应或被拒绝，很可能是服务器端的防火墙所致。通常的解决办法在服务器上：开放它的被动端口范围。在此之前，主动模式也许可用。</translation>
    </message>
    <message>
        <source>Active mode failed: the server could not connect back to the port we opened, likely a firewall on this computer or its network. Use passive mode.</source>
        <translation>主动模式失败：服务器无法连回我们打开的端口，很可能是本机或所在网络的防火墙所致。请使用被动模式。</translation>
    </message>
    <message>
        <source>Active mode failed: we told the server to connect to a private address, which it cannot reach from across the internet (this computer is behind NAT, e.g. a home router). Use passive mode, or set the external address for active mode.</source>
        <translation>主动模式失败：我们让服务器连接一个私有地址，而它从互联网另一端无法到达该地址（本机位于 NAT 之后，例如家用路由器）。请使用被动模式，或为主动模式设置外部地址。</translation>
    </message>
    <message>
        <source>The server refused passive mode (EPSV and PASV).</source>
        <translation>服务器拒绝了被动模式（EPSV 和 PASV）。</translation>
    </message>
    <message>
        <source>The server refused active mode (EPRT and PORT); many servers disable it.</source>
        <translation>服务器拒绝了主动模式（EPRT 和 PORT）；很多服务器禁用了它。</translation>
    </message>
    <message>
        <source>The server advertised an address other than its own for passive mode (it is probably behind NAT and misconfigured); ftpgui connected to the server&apos;s real address instead.</source>
        <translation>服务器在被动模式中通告了一个不是它自己的地址（它可能位于 NAT 之后且配置不当）；ftpgui 改为连接服务器的真实地址。</translation>
    </message>
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
        <source>{backend} is keyring&apos;s stand-in for “no keyring” and stores nothing</source>
        <translation>{backend} 是 keyring 用来代表“没有密钥环”的占位后端，不保存任何内容</translation>
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
</context>
</TS>
