//! Windows only: the window needs Microsoft's WebView2 runtime (Windows 11 and up-to-date
//! Windows 10 have it; Windows 10 LTSC and PCs kept offline may not). Without it Tauri would stop
//! with an English message about a download page, which a township office PC without internet
//! cannot use. Before Tauri starts, the shell asks the WebView2 loader whether a runtime is there;
//! if not, a native message box says so in Chinese and offers browser mode instead: `renda.exe
//! serve --open`, installed next to the window, is the same app and data in the PC's browser.
//! The same box appears if the window fails to open for another reason.

use std::path::PathBuf;
use std::process::Command;

use windows_sys::Win32::UI::WindowsAndMessaging::{
    MessageBoxW, IDYES, MB_DEFBUTTON1, MB_ICONERROR, MB_ICONWARNING, MB_OK, MB_SETFOREGROUND, MB_YESNO,
};

const TITLE: &str = "人大工作台";

/// The installed WebView2 runtime's version, or why there is none.
pub fn runtime_version() -> Result<String, String> {
    match tauri::webview_version() {
        // older loaders answer "no error" and an empty version when nothing is installed
        Ok(v) if !v.trim().is_empty() => Ok(v),
        Ok(_) => Err("没有找到 WebView2 运行时".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// `renda.exe`, installed in the same folder as the window.
fn cli_path() -> Option<PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join("renda.exe"))
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// A modal native message box (no window of ours exists yet); true when the answer is 是 (Yes).
fn message_box(text: &str, style: u32) -> bool {
    let (text, title) = (wide(text), wide(TITLE));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
    let answer = unsafe { MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), style) };
    answer == IDYES
}

/// Says the window cannot open (`reason`: the error when it failed to open; `None`: no WebView2
/// runtime was found) and offers browser mode; starts it when the user says yes.
pub fn offer_browser_mode(reason: Option<&str>) {
    let cause = match reason {
        None => "本机没有安装 Microsoft Edge WebView2 运行时（或已损坏），人大工作台的桌面窗口需要它才能打开。".to_string(),
        Some(r) => format!(
            "人大工作台的桌面窗口无法打开：{r}\n\n如果本机没有安装 Microsoft Edge WebView2 运行时（或已损坏），请安装或修复它。"
        ),
    };
    let text = format!(
        "{cause}\n\n可以改用浏览器模式：功能和数据完全相同，在本机的浏览器中打开。\
         使用期间请不要关闭随之出现的黑色命令行窗口，关闭它即退出。\n\n现在以浏览器模式打开吗？"
    );
    if !message_box(&text, MB_YESNO | MB_ICONWARNING | MB_DEFBUTTON1 | MB_SETFOREGROUND) {
        return;
    }
    let started = match cli_path() {
        Some(cli) if cli.is_file() => {
            use std::os::windows::process::CommandExt;
            // a console of its own, as the 浏览器模式 shortcut has: closing it ends browser mode
            const CREATE_NEW_CONSOLE: u32 = 0x0000_0010;
            Command::new(&cli)
                .args(["serve", "--open"])
                .creation_flags(CREATE_NEW_CONSOLE)
                .spawn()
                .map(drop)
                .map_err(|e| format!("{}：{e}", cli.display()))
        }
        Some(cli) => Err(format!("找不到 {}", cli.display())),
        None => Err("找不到本程序所在的文件夹".into()),
    };
    if let Err(why) = started {
        message_box(
            &format!(
                "浏览器模式未能启动：{why}\n\n请从开始菜单打开“人大工作台（浏览器模式）”；如果也不行，请重新安装人大工作台。"
            ),
            MB_OK | MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}
