// Step 3 (optional): English loss and other-language gain of a confidence floor, from a rec-*.json file.
import fs from 'node:fs';
const rec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const t of [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const enOut = rec.en.filter((x) => !(x[2] === 'en' && x[3] >= t)).length;
  const udEn = rec.udhr.filter((x) => x[0] === 'eng'); const udEnOut = udEn.filter((x) => !(x[2] === 'en' && x[3] >= t)).length;
  const oth = rec.udhr.filter((x) => x[0] !== 'eng' && !x[1]); const othIn = oth.filter((x) => x[2] === 'en' && x[3] >= t).length;
  const maj = rec.udhr.filter((x) => x[0] !== 'eng' && x[1]); const majIn = maj.filter((x) => x[2] === 'en' && x[3] >= t).length;
  console.log(`tau ${t}: english out ${enOut}/${rec.en.length} (${(100*enOut/rec.en.length).toFixed(3)}%), udhr-en out ${udEnOut}/${udEn.length}, major called en ${majIn}/${maj.length}, others called en ${othIn}/${oth.length} (${(100*othIn/oth.length).toFixed(2)}%)`);
}
