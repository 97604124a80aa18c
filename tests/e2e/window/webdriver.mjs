// A tiny W3C WebDriver client for tauri-driver (Node's global fetch; pngjs for the screenshots).
//
// tauri-driver (port 4444) proxies to WebKitWebDriver, which starts the real `renda-desktop`
// binary. About one run in three the proxy drops a connection early: every call is
// retried on a connection error — never on a WebDriver error reply, which is a real failure.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
// the build folder: CARGO_TARGET_DIR when set (scripts/lib.sh sets it), else target/ in the checkout
const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target')
export const APP = process.env.RENDA_DESKTOP_BIN ?? path.join(TARGET, 'debug/renda-desktop')
export const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444'
export const SCREENS = path.join(ROOT, 'target/e2e-screens')
const { PNG } = createRequire(path.join(ROOT, 'ui/package.json'))('pngjs')

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** A refused/reset/closed connection (worth retrying), as opposed to a WebDriver error reply. */
function isConnectionError(e) {
  if (!e || e.name === 'WebDriverError') return false
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT']
  const code = e.cause?.code ?? e.code
  return (
    e.name === 'TypeError' ||
    e.name === 'AbortError' ||
    codes.includes(code) ||
    /fetch failed|socket|other side closed/i.test(String(e.message))
  )
}

export class WebDriverError extends Error {
  constructor(method, url, status, value) {
    super(`${method} ${url} → HTTP ${status}: ${value?.error ?? ''} ${value?.message ?? JSON.stringify(value)}`)
    this.name = 'WebDriverError'
    this.status = status
    this.error = value?.error
  }
}

/** One WebDriver request; retried on connection errors (`tries` times, growing pauses). */
export async function wd(method, urlPath, body, { tries = 8, timeoutMs = 120_000 } = {}) {
  const url = `${DRIVER}${urlPath}`
  let lastError
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      const text = await res.text()
      let json = null
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        throw Object.assign(new Error(`non-JSON reply to ${method} ${urlPath}: ${text.slice(0, 200)}`), {
          code: 'ECONNRESET',
        })
      }
      if (!res.ok) throw new WebDriverError(method, urlPath, res.status, json?.value)
      return json?.value
    } catch (e) {
      lastError = e
      if (!isConnectionError(e) || attempt === tries) throw e
      const pause = 500 * attempt
      console.error(
        `# webdriver: ${method} ${urlPath} lost the connection (${e.cause?.code ?? e.message}); retry ${attempt}/${tries - 1} in ${pause} ms`,
      )
      await sleep(pause)
    }
  }
  throw lastError
}

/** Waits until tauri-driver answers `/status`. */
export async function waitForDriver(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${DRIVER}/status`, { signal: AbortSignal.timeout(2000) })
      if (res.ok || res.status < 500) return
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`tauri-driver did not answer at ${DRIVER} within ${timeoutMs} ms`)
    await sleep(250)
  }
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf' // the W3C web element identifier

export class Session {
  constructor(id) {
    this.id = id
    this.base = `/session/${id}`
  }

  /** A new session: tauri-driver launches the app. Do NOT send browserName: tauri-driver refuses a session that names one. */
  static async create(application = APP, args = []) {
    const value = await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    })
    return new Session(value.sessionId)
  }

  async delete() {
    try {
      await wd('DELETE', this.base, undefined, { tries: 3 })
    } catch (e) {
      // the app may already be gone after a failed step; say so rather than hide it
      console.error(`closing the WebDriver session failed: ${e.message}`)
    }
  }

  title() {
    return wd('GET', `${this.base}/title`)
  }

  async find(css) {
    const v = await wd('POST', `${this.base}/element`, { using: 'css selector', value: css })
    return v[ELEMENT]
  }

  async findAll(css) {
    const v = await wd('POST', `${this.base}/elements`, { using: 'css selector', value: css })
    return v.map((e) => e[ELEMENT])
  }

  click(elementId) {
    return wd('POST', `${this.base}/element/${elementId}/click`, {})
  }

  text(elementId) {
    return wd('GET', `${this.base}/element/${elementId}/text`)
  }

  execute(script, args = []) {
    return wd('POST', `${this.base}/execute/sync`, { script, args })
  }

  executeAsync(script, args = []) {
    return wd('POST', `${this.base}/execute/async`, { script, args })
  }

  /** Polls `probe` until it returns a truthy value; WebDriver "no such element" counts as not yet. */
  async waitFor(what, probe, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
    const until = Date.now() + timeoutMs
    let last
    for (;;) {
      try {
        const v = await probe()
        if (v) return v
      } catch (e) {
        if (e.name !== 'WebDriverError') throw e
        last = e
      }
      if (Date.now() > until) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last: ${last.message})` : ''}`)
      }
      await new Promise((r) => setTimeout(r, intervalMs))
    }
  }

  /** Waits for a CSS selector to match a displayed element and returns its id. */
  waitForElement(css, opts) {
    return this.waitFor(
      `"${css}"`,
      async () => {
        const ids = await this.findAll(css)
        return ids.length ? ids[0] : null
      },
      opts,
    )
  }

  /**
   * Lets the page finish drawing: no finite CSS animation or transition still running (route
   * fades, table layout), the fonts loaded, then three animation frames. Without it WebKitGTK
   * screenshots often show a half-laid-out table although the rows are already in the DOM. An
   * animation still running after `timeoutMs` fails the step.
   */
  async settle({ timeoutMs = 5000 } = {}) {
    const left = await this.executeAsync(
      `
      const [timeoutMs] = arguments;
      const done = arguments[arguments.length - 1];
      const until = Date.now() + timeoutMs;
      const frames = (n, k) => (n ? requestAnimationFrame(() => frames(n - 1, k)) : k());
      const finite = (a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity;
      const check = () => {
        const running = document.getAnimations ? document.getAnimations().filter(finite) : [];
        if (running.length && Date.now() < until) return requestAnimationFrame(check);
        if (running.length) return done(running.length);
        document.fonts.ready.then(() => frames(3, () => done(0)));
      };
      check();
    `,
      [timeoutMs],
    )
    if (left) throw new Error(`${left} animation(s) still running after ${timeoutMs} ms`)
  }

  /** Saves the window as target/e2e-screens/window-<step>.png (after `settle`) and returns the path. */
  async screenshot(step) {
    await this.settle()
    const rect = await wd('GET', `${this.base}/window/rect`)
    mkdirSync(SCREENS, { recursive: true })
    const file = path.join(SCREENS, `window-${step}.png`)
    writeFileSync(file, framebufferPng(rect))
    return file
  }
}

/**
 * The window's pixels as the X server holds them: Xvfb's framebuffer file (`-fbdir`, named by
 * RENDA_XVFB_FB; scripts/window-e2e.sh sets it), an XWD image, cut to the window's rectangle.
 * WebKitWebDriver's own screenshot waits for WebKit's GPU compositor, which the app turns off.
 */
export function framebufferPng({ x, y, width, height }) {
  const fb = process.env.RENDA_XVFB_FB
  if (!fb) throw new Error('RENDA_XVFB_FB is not set: run the window tests through scripts/window-e2e.sh')
  const d = readFileSync(fb)
  const field = (i) => d.readUInt32BE(4 * i) // the XWD header: big-endian 32-bit fields
  const [headerSize, fbWidth, fbHeight, byteOrder, bitsPerPixel, bytesPerLine, colors] = [0, 4, 5, 7, 11, 12, 19].map(
    field,
  )
  if (bitsPerPixel !== 32 || byteOrder !== 0) {
    throw new Error(`unexpected framebuffer format: ${bitsPerPixel} bits per pixel, byte order ${byteOrder}`)
  }
  const x0 = Math.max(0, Math.round(x))
  const y0 = Math.max(0, Math.round(y))
  const w = Math.min(Math.round(width), fbWidth - x0)
  const h = Math.min(Math.round(height), fbHeight - y0)
  if (w <= 0 || h <= 0) throw new Error(`the window (${JSON.stringify({ x, y, width, height })}) is off the screen`)
  const png = new PNG({ width: w, height: h })
  const pixels = headerSize + 12 * colors // after the header and its colour map
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const from = pixels + (y0 + row) * bytesPerLine + (x0 + col) * 4 // B, G, R, unused
      const to = (row * w + col) * 4
      png.data[to] = d[from + 2]
      png.data[to + 1] = d[from + 1]
      png.data[to + 2] = d[from]
      png.data[to + 3] = 255
    }
  }
  return PNG.sync.write(png)
}
