// Cross-checks the lunar dates in assets/rules/cellwork/holidays.json
// against two independent calendars from the npm registry, for every year
// the table covers (it reads the years from the table, so a year added to
// the table is checked too). Run through scripts/lunar-check.sh.
//
// For each year it checks:
//  1. the table's Tết (1/1 lunar) and Giỗ Tổ Hùng Vương (10/3 lunar) against
//     vietnamese-lunar-calendar (Vietnam's UTC+7 calendar); the Chinese
//     calendar (lunar-javascript, UTC+8) is printed for comparison only,
//     since it may differ by a day (it does for Tết 2030);
//  2. that the days off the table lists follow from those lunar dates:
//     Giỗ Tổ is a day off (or, on a weekend, has a "nghỉ bù" after it);
//     Tết's statutory days — the last day of the lunar year and mùng 1–4
//     (Bộ luật Lao động 2019, Điều 112) — are all off, each weekday one
//     listed, and, for a year whose Tết break the Government announced,
//     the break covers them;
//  3. that the last day of the lunar year really is the day before Tết by
//     the independent calendar (month 12, day 29 or 30).
const { Lunar } = require('lunar-javascript');
const vn = require('vietnamese-lunar-calendar');
const table = require('../../assets/rules/cellwork/holidays.json');

const pad = (n) => String(n).padStart(2, '0');
const ymd = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const iso = (t) => ymd(t.getFullYear(), t.getMonth() + 1, t.getDate());
const parse = (s) => new Date(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const plus = (s, n) => { const t = parse(s); return iso(new Date(t.getFullYear(), t.getMonth(), t.getDate() + n)); };
const weekend = (s) => [0, 6].includes(parse(s).getDay());

// vietnamese-lunar-calendar reads local time, so the script runs with
// TZ=Asia/Ho_Chi_Minh.
function vnDates(year) {
  let tet, gio;
  for (let t = new Date(year, 0, 1); t.getFullYear() === year; t = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1)) {
    const l = new vn.LunarDate(t);
    if (!l.isLeap && l.month === 1 && l.date === 1) tet = iso(t);
    if (!l.isLeap && l.month === 3 && l.date === 10) gio = iso(t);
  }
  return [tet, gio];
}

// daysOffProblems lists what in a year's days off does not follow from
// its lunar dates.
function daysOffProblems(y, tet) {
  const off = new Map(y.holidays.map((h) => [h.date, h]));
  const worked = new Set((y.workdays || []).map((w) => w.date));
  const problems = [];
  const eve = plus(tet, -1);
  const l = new vn.LunarDate(parse(eve));
  if (l.month !== 12 || (l.date !== 29 && l.date !== 30)) {
    problems.push(`${eve} is lunar ${l.date}/${l.month}, not the last day of the year`);
  }
  const statutory = [eve, tet, plus(tet, 1), plus(tet, 2), plus(tet, 3)];
  for (const d of statutory) {
    if (worked.has(d)) problems.push(`Tết day ${d} is a decreed working day`);
    else if (!weekend(d) && !off.has(d)) problems.push(`Tết day ${d} is not a day off`);
  }
  if (y.tet_published) {
    // An announced break: mùng 1–3 at least sit inside a run of days off.
    for (const d of statutory.slice(1, 4)) if (!weekend(d) && off.get(d)?.kind !== 'tet_break') problems.push(`${d} not in the announced Tết break`);
  }
  if (!off.has(y.gio_to)) problems.push(`Giỗ Tổ ${y.gio_to} is not listed as a day off`);
  if (weekend(y.gio_to)) {
    const comp = y.holidays.some((h) => h.kind === 'compensation' && h.name.includes('Giỗ Tổ') && h.date > y.gio_to && h.date <= plus(y.gio_to, 7));
    if (!comp) problems.push(`Giỗ Tổ ${y.gio_to} falls on a weekend with no nghỉ bù after it`);
  }
  return problems;
}

let bad = 0;
for (const y of table.years) {
  const [vTet, vGio] = vnDates(y.year);
  const s1 = Lunar.fromYmd(y.year, 1, 1).getSolar();
  const s3 = Lunar.fromYmd(y.year, 3, 10).getSolar();
  const cTet = ymd(s1.getYear(), s1.getMonth(), s1.getDay());
  const cGio = ymd(s3.getYear(), s3.getMonth(), s3.getDay());
  const vnOK = vTet === y.tet && vGio === y.gio_to;
  const problems = vnOK ? daysOffProblems(y, vTet) : [];
  if (!vnOK || problems.length) bad++;
  const cn = cTet === y.tet && cGio === y.gio_to ? 'same' : `differs (${cTet}, ${cGio})`;
  console.log(`${y.year} ${y.status.padEnd(11)} table ${y.tet} ${y.gio_to}  vietnamese-lunar-calendar: ${vnOK ? 'same' : `DIFFERS (${vTet}, ${vGio})`}` +
    `  Chinese calendar: ${cn}  days off: ${problems.length ? 'WRONG: ' + problems.join('; ') : 'follow'}`);
}
console.log(`${table.years.length - bad} passed, ${bad} failed (years ${table.years[0].year}–${table.years[table.years.length - 1].year})`);
process.exit(bad ? 1 : 0);
