// The installed package, from the outside (scripts/install-test.sh runs it after `dpkg -i`):
//
//   node tests/e2e/install/installed.mjs serve      # /usr/bin/renda serve from /tmp, in Chromium
//   node tests/e2e/install/installed.mjs launcher   # the menu entry in browser mode
//   node tests/e2e/install/installed.mjs old-system ROOT   # the menu entry inside an older system
//
// `serve` starts the installed `renda serve --port 0` with no --static and no --db, in /tmp, with
// HOME set by the caller (a fresh home: the data goes to its default data folder), loads the
// page in Chromium, checks the welcome page, loads the demo data and waits for the 工作台 figures.
// `launcher` starts /usr/bin/renda-workbench with RENDA_BROWSER_MODE=1 (what a PC without
// WebKitGTK 4.1 gets) and checks that it serves the UI. `old-system` starts the menu entry with
// no such request inside ROOT (`chroot`; an older Debian with the package installed there, no
// WebKitGTK 4.1 and an older glibc): it must choose browser mode by itself, and the page served from
// there must show the welcome page and the demo's 工作台 in Chromium here (`SUDO` prefixes the
// chroot when not root). Exits non-zero when a check fails.
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { CHROMIUM, CHROMIUM_ARGS, chromium, stopChild } from '../browser/harness.mjs'

const mode = process.argv[2]
const fail = (why) => {
  console.error(`install test: ${why}`)
  process.exit(1)
}

function start(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: '/tmp', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${cmd} printed no RENDA_URL within 30 s. stderr:\n${stderr}`))
    }, 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${cmd} exited early (code ${code}). stderr:\n${stderr}`))
    })
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^RENDA_URL=(\S+)$/.exec(line.trim())
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1], stderr: () => stderr })
      }
    })
  })
}

async function serve() {
  const s = await start('/usr/bin/renda', ['serve', '--port', '0'], {})
  try {
    await welcomeThenDemo(s)
    console.log('install test: the installed renda serve shows the welcome page and the 工作台 with the demo data')
  } finally {
    await stopChild(s.child)
  }
}

/** The served page in Chromium: the welcome page, then the demo data's 工作台. */
async function welcomeThenDemo(s) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  try {
    if (!/界面文件：程序内置/.test(s.stderr())) fail(`renda serve does not serve its built-in UI:\n${s.stderr()}`)
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(s.url)
    await page.locator('[data-testid="first-run-demo"]').waitFor({ timeout: 30_000 })
    if ((await page.title()) !== '人大工作台') fail(`the page title is ${await page.title()}`)
    await page.locator('[data-testid="first-run-demo"]').click()
    await page.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
    await page.waitForFunction(
      () => parseInt(document.querySelector('[data-testid="count-deputies"]')?.textContent ?? '', 10) > 0,
      null,
      { timeout: 30_000 },
    )
    if (errors.length) fail(`the page reported errors: ${errors.join('; ')}`)
  } finally {
    await browser.close()
  }
}

async function launcher() {
  const s = await start('/usr/bin/renda-workbench', [], { RENDA_BROWSER_MODE: '1', BROWSER: '/bin/true' })
  try {
    const res = await fetch(s.url)
    const html = await res.text()
    if (res.status !== 200 || !html.includes('<div id="app"')) fail(`the launcher's server answered ${res.status}`)
    if (!/浏览器模式/.test(s.stderr())) fail(`the launcher did not say it starts browser mode:\n${s.stderr()}`)
    console.log('install test: the menu entry starts browser mode when asked (RENDA_BROWSER_MODE=1)')
  } finally {
    await stopChild(s.child)
  }
}

async function oldSystem(root) {
  if (!root) fail('old-system needs the root folder of the older system')
  const sudo = process.env.SUDO ? [process.env.SUDO] : []
  const [cmd, ...args] = [
    ...sudo,
    'chroot',
    root,
    '/usr/bin/env',
    'HOME=/tmp/renda-home',
    'BROWSER=/bin/true',
    '/usr/bin/renda-workbench',
  ]
  const s = await start(cmd, args, {})
  try {
    if (!/浏览器模式/.test(s.stderr())) fail(`the menu entry did not choose browser mode by itself:\n${s.stderr()}`)
    await welcomeThenDemo(s)
    console.log('install test: on the older system the menu entry starts browser mode, and its 工作台 shows the demo')
  } finally {
    await stopChild(s.child)
  }
}

if (mode === 'serve') await serve()
else if (mode === 'launcher') await launcher()
else if (mode === 'old-system') await oldSystem(process.argv[3])
else fail(`unknown mode ${mode} (serve | launcher | old-system ROOT)`)
