// 备份与恢复 through the window from an empty database: a new office backs up, a mistake is made,
// and the backup in the list restores it. Also run against renda.exe under Wine (scripts/
// windows-test.sh). A restore by upload is tested against the real server in tests/serve.rs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage } from './harness.mjs'

preflight()

const s = suite('backup')
const { api } = s
const deputies = async () => (await api('deputy_list', {})).total

test('a new office backs up, and the backup in the list restores what a mistake changed', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('input[data-testid="first-run-name"]').fill('城关镇人大主席团')
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '乡镇' }).click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  // the first run leads to 设置's 届次与会次; backups are on its first tab
  await p.locator('#tab-basic').click()
  const table = p.locator('[data-testid="backup-table"] tbody tr')
  const before = await table.count()
  await p.locator('[data-testid="backup-now"]').click()
  await expectMessage(p, '备份完成')
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="backup-table"] tbody tr').length > n, before)
  // a mistake after the backup
  await api('deputy_create', { name: '误录代表', levels: ['乡'] })
  assert.equal(await deputies(), 1)
  const row = table.filter({ hasText: '人大工作台备份' }).first()
  await row.locator('button', { hasText: '恢复' }).click()
  await p.locator('.el-message-box').locator('button', { hasText: '恢复' }).click()
  await expectMessage(p, '已恢复')
  assert.equal(await deputies(), 0, 'the backup holds no deputy')
  await s.screenshot('restored')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
