<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
            <source>The client connected from its port {client_port} to the server's port {server_port}: the control connection. Commands and replies use it for the whole session; files and directory listings never do. No data port is opened yet: each transfer will get a fresh one.</source>
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
            <source>Passive mode: the client sends PASV on the control connection, asking the server to listen on a new port and name it. The server's port 20 plays no part in passive mode.</source>
            <translation>被动模式：客户端在控制连接上发送 PASV，请服务器在一个新端口上监听并告知端口号。被动模式中服务器的 20 端口不起任何作用。</translation>
        </message>
        <message>
            <source>Passive mode: the client sends EPSV on the control connection, asking the server to listen on a new port and name it. The server's port 20 plays no part in passive mode.</source>
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
            <source>The server accepted {command} ({code}): it will connect to the client's port.</source>
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
            <source>The reply named {advertised}, which is not the server's address (a server behind NAT); the client dials {target}, the address it already talks to.</source>
            <translation>应答中给出的是 {advertised}，并不是服务器的地址（服务器位于 NAT 之后）；客户端改为拨号 {target}，即它正在通信的地址。</translation>
        </message>
        <message>
            <source>The client sends {command} on the control connection. The directory listing itself travels over the data connection, like a file.</source>
            <translation>客户端在控制连接上发送 {command}。目录列表本身和文件一样，经由数据连接传输。</translation>
        </message>
        <message>
            <source>The client sends {command} on the control connection; the file's bytes will go over the data connection.</source>
            <translation>客户端在控制连接上发送 {command}；文件内容将经由数据连接发出。</translation>
        </message>
        <message>
            <source>The client sends {command} on the control connection; the file's bytes will come over the data connection.</source>
            <translation>客户端在控制连接上发送 {command}；文件内容将经由数据连接传来。</translation>
        </message>
        <message>
            <source>The client dials the server: from its port {client_port} to the server's port {server_port}. The data connection is up.</source>
            <translation>客户端拨号服务器：从它的端口 {client_port} 连到服务器的端口 {server_port}。数据连接已建立。</translation>
        </message>
        <message>
            <source>The server dials the client: from its port {server_port} to the client's port {client_port}. The data connection is up.</source>
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
            <source>What if this computer had a firewall: it lets the computer's own outgoing connections through, so the control connection and passive mode work, but it stops the server's incoming connection to port {port}. Active mode fails (the server answers 425, or the wait times out). Use passive mode, or open the port; an FTP helper in the firewall can open it by itself, unless the control connection is encrypted (FTPS).</source>
            <translation>假如本机有防火墙：它放行本机自己发起的连接，所以控制连接和被动模式都能用，但会拦住服务器连入端口 {port} 的连接。主动模式失败（服务器应答 425，或等待超时）。请改用被动模式，或放行该端口；防火墙的 FTP 辅助模块可以自动放行，除非控制连接已加密（FTPS）。</translation>
        </message>
        <message>
            <source>What if the server's firewall admitted only its control port {control_port}: the client's connection to the server's data port {port} is stopped, and passive mode fails (the connection times out). The usual fix is on the server: open a passive port range in its firewall and in the FTP server's settings. Meanwhile active mode works, unless this computer has a firewall or is behind NAT.</source>
            <translation>假如服务器的防火墙只放行它的控制端口 {control_port}：客户端连往服务器数据端口 {port} 的连接会被拦住，被动模式失败（连接超时）。通常的解决办法在服务器上：在防火墙和 FTP 服务器设置中开放一个被动端口范围。在此之前主动模式可用，除非本机有防火墙或位于 NAT 之后。</translation>
        </message>
        <message>
            <source>What if: this data connection still works. In passive mode the client dials the server's port {port}, and the server's firewall admits its passive port range.</source>
            <translation>假如：这条数据连接仍然可用。被动模式中客户端拨号服务器的端口 {port}，而服务器的防火墙放行其被动端口范围。</translation>
        </message>
        <message>
            <source>What if: this data connection still works. In passive mode the client dials out to the server's port {port}; a firewall on the client's side lets outgoing connections and their replies through.</source>
            <translation>假如：这条数据连接仍然可用。被动模式中客户端向外拨号到服务器的端口 {port}；客户端一侧的防火墙会放行向外的连接及其回包。</translation>
        </message>
        <message>
            <source>What if: this data connection still works. In active mode the server dials out to the client; a firewall at the server lets the server's own outgoing connections through.</source>
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
            <source>Waiting for a connection's events…</source>
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
            <source>Passive: the client dials the server's data port. Active: the server dials the client's. Auto: passive first, active if passive fails.</source>
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
            <source>Imagine a firewall on this computer's side (no traffic is sent)</source>
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
            <source>Imagine the server's firewall admits its passive port range</source>
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
            <source>The server advertised an address other than its own for passive mode (it is probably behind NAT and misconfigured); ftpgui connected to the server's real address instead.</source>
            <translation>服务器在被动模式中通告了一个不是它自己的地址（它可能位于 NAT 之后且配置不当）；ftpgui 改为连接服务器的真实地址。</translation>
        </message>
        <message>
            <source>The encrypted (TLS) data connection failed. Servers such as vsftpd refuse a data connection that does not resume the control connection's TLS session, and some firewalls or proxies break TLS on data ports.</source>
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
    </context>
</TS>
