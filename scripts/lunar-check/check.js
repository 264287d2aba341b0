// Cross-checks the lunar dates in assets/rules/cellwork/holidays.json (Tết
// and Giỗ Tổ Hùng Vương, 2020-2035) against two independent calendars from
// the npm registry. Run through scripts/lunar-check.sh.
const { Lunar } = require('lunar-javascript');
const vn = require('vietnamese-lunar-calendar');
const table = require('../../assets/rules/cellwork/holidays.json');

const pad = (n) => String(n).padStart(2, '0');
const ymd = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

// vietnamese-lunar-calendar reads local time, so the script runs with
// TZ=Asia/Ho_Chi_Minh; lunar-javascript is the Chinese calendar (UTC+8),
// which may differ from Vietnam's by a day (it does for Tết 2030).
function vnDates(year) {
  let tet, gio;
  for (let t = new Date(year, 0, 1); t.getFullYear() === year; t = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1)) {
    const l = new vn.LunarDate(t);
    const s = ymd(t.getFullYear(), t.getMonth() + 1, t.getDate());
    if (!l.isLeap && l.month === 1 && l.date === 1) tet = s;
    if (!l.isLeap && l.month === 3 && l.date === 10) gio = s;
  }
  return [tet, gio];
}

let bad = 0;
for (const y of table.years) {
  const [vTet, vGio] = vnDates(y.year);
  const s1 = Lunar.fromYmd(y.year, 1, 1).getSolar();
  const s3 = Lunar.fromYmd(y.year, 3, 10).getSolar();
  const cTet = ymd(s1.getYear(), s1.getMonth(), s1.getDay());
  const cGio = ymd(s3.getYear(), s3.getMonth(), s3.getDay());
  const vnOK = vTet === y.tet && vGio === y.gio_to;
  if (!vnOK) bad++;
  const cn = cTet === y.tet && cGio === y.gio_to ? 'same' : `differs (${cTet}, ${cGio})`;
  console.log(`${y.year} table ${y.tet} ${y.gio_to}  vietnamese-lunar-calendar: ${vnOK ? 'same' : `DIFFERS (${vTet}, ${vGio})`}  Chinese calendar: ${cn}`);
}
console.log(`${table.years.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
