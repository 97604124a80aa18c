// What a block of 工作台 reminders shows: each kind's count and first lines, each line a link.
export interface ReminderLine {
  title: string
  text: string
  to: string
}
export interface ReminderGroup {
  kind: string
  total: number
  lines: ReminderLine[]
}
