#!/usr/bin/env bash
# 打印测试 / what the office prints: every export kind, one of each per-record form, every import
# template and the 上报包 are written by the `renda` CLI from the demo data, printed to PDF by
# LibreOffice (headless, as an office without Excel prints them) and read back by
# scripts/print_check.py: body text at least 9 pt, every title and 填报单位 line whole, no text
# across a cell border or off the paper, pages within what the sheets' rows imply, sheets not
# meant for paper not printed. The first page of each is kept as PNG in target/print/ for a person
# to look at.
#
#   bash scripts/print-test.sh                 # builds renda (debug) first
#   RENDA_BIN=path/to/renda bash scripts/print-test.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# LibreOffice Calc without its window, poppler's pdftoppm, the CJK fonts (宋体 / 黑体 resolve to
# them, see fontconfig below) and Python's venv. No Calibri or its twin: the workbooks' own font
# is 宋体 too, so the column widths do not depend on a font an office PC may lack.
ensure_apt libreoffice-calc-nogui poppler-utils fonts-noto-cjk python3-venv

# The checker's Python packages, pinned, in a venv of their own (the system's Python is not changed).
PRINT_VENV="$RENDA_CACHE/print-venv"
want="$ROOT/scripts/print-requirements.txt"
if [ ! -x "$PRINT_VENV/bin/python" ] || ! cmp -s "$want" "$PRINT_VENV/requirements.txt"; then
  say "安装打印检查所需的 Python 包（pip，只需一次）/ installing the checker's packages into $PRINT_VENV"
  rm -rf "$PRINT_VENV"
  python3 -m venv "$PRINT_VENV"
  "$PRINT_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$want"
  cp "$want" "$PRINT_VENV/requirements.txt"
fi

if [ -z "${RENDA_BIN:-}" ]; then
  say "构建 renda / cargo build --bin renda"
  cargo build --bin renda
  RENDA_BIN="$CARGO_TARGET_DIR/debug/renda"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-print-test.XXXXXX")"
cleanup() {
  local rc=$?
  if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "print-test: 保留 / kept $WORK" >&2; fi
  exit $rc
}
trap cleanup EXIT
XLSX="$WORK/xlsx"
PDF="$WORK/pdf"
mkdir -p "$XLSX" "$PDF"

# The office PCs of 麒麟 / 统信 name their CJK fonts 宋体 and 黑体; here fonts-noto-cjk stands in
# for them under those names (as the fonts' own packages alias them there).
cat >"$WORK/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
EOF
export FONTCONFIG_FILE="$WORK/fonts.conf"

say "示例数据 / demo data: a county and a township that reports to it"
YEAR=2026
county="$WORK/county.db"
town="$WORK/town.db"
"$RENDA_BIN" --db "$county" demo >/dev/null
# the township whose package the county demo still waits for (its last, 未报送), made a township
# before its demo so that it has a township's year: the 评分表 imported from the county and its 自评
"$RENDA_BIN" --db "$town" office --name 新集镇人大主席团 --level 乡镇 >/dev/null
"$RENDA_BIN" --db "$town" demo >/dev/null
"$RENDA_BIN" --db "$town" report pack --year "$YEAR" -o "$XLSX/上报包-乡镇.xlsx" >/dev/null
"$RENDA_BIN" --db "$county" report import "$XLSX/上报包-乡镇.xlsx" >/dev/null

# A field of the first record of a list the CLI prints as JSON: `first FIELD COMMAND…`.
first() {
  local field="$1"
  shift
  "$RENDA_BIN" --db "$county" --json "$@" | "$PRINT_VENV/bin/python" -c \
    "import json, sys; print(json.load(sys.stdin)[0]['$field'])"
}
station="$(first name station list)"
deputy="$(first name deputy list)"
evaluation="$(first id evaluation list)"
# a suggestion that was assigned: its 建议编号 and its session
number="$("$RENDA_BIN" --db "$county" --json suggestion list | "$PRINT_VENV/bin/python" -c \
  "import json, sys; s = [x for x in json.load(sys.stdin) if x['main_unit']][0]; print(s['number'], s['session_id'])")"
read -r number session <<<"$number"

say "导出 / exporting every kind and template"
ex() {
  local name="$1"
  shift
  "$RENDA_BIN" --db "$county" export "$@" -o "$XLSX/$name.xlsx" >/dev/null
}
ex 代表名册 deputies
ex 承办单位 units
ex 联络站名单 stations
for book in activity contact report opinion; do
  ex "登记簿-$book" register --station "$station" --book "$book" --year "$YEAR"
done
ex 档案目录 archive-index --station "$station"
ex 联络站运行统计 station-stats --year "$YEAR"
ex 测评结果 evaluation-results --evaluation "$evaluation"
ex 测评票 ballot-forms --evaluation "$evaluation"
ex 履职积分 points --year "$YEAR"
ex 履职档案 dossier --deputy "$deputy" --year "$YEAR"
ex 交办清单 assignment-list
ex 办理台账 ledger
ex 承办单位统计 unit-stats
ex 分类统计 category-stats
ex 交办单 handover-form --id "$number" --session "$session"
ex 征询意见表 rating-form --id "$number" --session "$session"
ex 乡镇汇总 report-summary --year "$YEAR"
# 民生实事票决: eight candidates with the 主要内容 a government writes, a 差额 vote for six, counted
# (next year's: the demo has voted this year's already)
P=("$RENDA_BIN" --db "$county" project)
VYEAR=$((YEAR + 1))
for i in 1 2 3 4 5 6 7 8; do
  "${P[@]}" candidate add --year "$VYEAR" --name "第${i}批农村公路提质改造工程（${i}条村道）" --field 交通 \
    --investment "$((100 * i))" --implementer 县交通运输局 --end "${VYEAR}年12月" \
    --content "硬化拓宽村道${i}条共$((3 * i))公里，配套建设排水沟、错车道和安全防护设施，改善沿线群众出行条件" >/dev/null
done
vote="$("${P[@]}" vote create --year "$VYEAR" --seats 6 --expected 50 --json | "$PRINT_VENV/bin/python" -c \
  "import json, sys; print(json.load(sys.stdin)['id'])")"
"${P[@]}" vote count "$vote" --expected 50 --present 48 --issued 48 --returned 48 --valid 46 --invalid 2 \
  --count 1:44:2:0 --count 2:42:4:0 --count 3:40:6:0 --count 4:38:8:0 --count 5:35:11:0 --count 6:30:16:0 \
  --count 7:26:20:0 --count 8:20:26:0 >/dev/null
ex 候选项目表 project-candidates --year "$VYEAR"
ex 表决票 vote-ballot --id "$vote"
ex 计票表 vote-tally --id "$vote"
ex 票决结果表 vote-result --id "$vote"
# 民生实事进度表: two projects of the county with their latest progress, one 跨年度 with a long text
proj() {
  "$RENDA_BIN" --db "$county" --json project add "$@" | "$PRINT_VENV/bin/python" -c \
    "import json, sys; print(json.load(sys.stdin)['row']['id'])"
}
p1="$(proj 城区老旧小区雨污分流改造工程（打印测试） --year "$YEAR" --field 生态环境 --lead 县住房和城乡建设局 \
  --owner 县城市建设投资有限公司 --investment 3860.5 --start "$YEAR-03-01" --end "$YEAR-12-31")"
p2="$(proj 乡镇卫生院发热门诊建设（打印测试） --year "$YEAR" --field 医疗卫生 --lead 县卫生健康局 \
  --investment 420 --start "$YEAR-04-15" --end "$YEAR-10-31")"
"$RENDA_BIN" --db "$county" project progress "$p1" --date "$YEAR-11-30" --percent 85 --invested 3120 \
  --text "已完成主管网铺设12.6公里、小区内支管改造9个，正在进行路面恢复和绿化补植，计划12月底前全面完工" >/dev/null
"$RENDA_BIN" --db "$county" project progress "$p2" --date "$YEAR-10-28" --stage finished --percent 100 --invested 418 \
  --text "已竣工验收并投入使用" >/dev/null
ex 民生实事进度表 project-progress --year "$YEAR"
# 审议意见办理: the demo's year of opinions, problems with their 推进情况, and the ratings
ex 审议意见交办清单 oversight-list --year "$YEAR"
ex 审议意见问题清单 oversight-problems --year "$YEAR"
ex 审议意见测评结果表 oversight-ratings --year "$YEAR"
# 公民旁听: the demo's meeting drawn from a seed (its 公告, 名单 with the seed, 旁听证) and the
# year's 意见汇总表
hearing="$("$RENDA_BIN" --db "$county" --json hearing meeting list --year "$YEAR" | "$PRINT_VENV/bin/python" -c \
  "import json, sys; print([m['id'] for m in json.load(sys.stdin) if m['seed'] is not None][0])")"
ex 旁听公告 hearing-notice --id "$hearing"
ex 旁听名单 hearing-roster --id "$hearing"
ex 旁听证 hearing-cards --id "$hearing"
ex 旁听意见汇总表 hearing-opinions --year "$YEAR"
# 乡镇人大工作评价: the demo county's 评分表, its 考核结果表 and every township's 考核评分表 (one sheet each)
ex 工作评价评分表 assessment-template --year "$YEAR"
ex 考核结果表 assessment-results --year "$YEAR"
ex 考核评分表 assessment-sheets --year "$YEAR"
"$RENDA_BIN" --db "$county" report pack --year "$YEAR" -o "$XLSX/上报包-县.xlsx" >/dev/null
for kind in deputies units suggestions register-activity register-contact register-report register-opinion project-candidates project-progress hearing-applications oversight-problems; do
  "$RENDA_BIN" --db "$county" template "$kind" -o "$XLSX/模板-$kind.xlsx" >/dev/null
done
"$RENDA_BIN" --db "$county" template ballots --evaluation "$evaluation" -o "$XLSX/模板-ballots.xlsx" >/dev/null
echo "$(find "$XLSX" -name '*.xlsx' | wc -l) 个文件 / files"

say "LibreOffice 打印为 PDF / soffice --headless --convert-to pdf"
start=$(date +%s)
soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile" \
  --convert-to pdf --outdir "$PDF" "$XLSX"/*.xlsx >"$WORK/soffice.log" 2>&1 ||
  {
    cat "$WORK/soffice.log" >&2
    exit 1
  }
echo "转换用时 / converted in $(($(date +%s) - start))s"

say "检查 PDF / checking the printed pages"
rm -rf "$ROOT/target/print"
mkdir -p "$ROOT/target/print"
"$PRINT_VENV/bin/python" scripts/print_check.py "$XLSX" "$PDF"
for pdf in "$PDF"/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$ROOT/target/print/$name"
done
echo "首页图片 / first pages: target/print/ ($(find "$ROOT/target/print" -name '*.png' | wc -l) 张)"
