// throughput.js LIST SECONDS -- how fast three npm packages do, over the
// same files as bench/run.sh, the work galley's plugins do:
//
//   vader-sentiment  VADER's polarity scores for every block (paragraph);
//   sentiment        the AFINN word-score sum for every block;
//   compromise       nlp(article).people(): the person names of each article.
//
// Files are read into memory first (reading is not timed, which favours the
// peers: galley's figures include process start, reading and the report).
// Each peer takes the files in list order until SECONDS have passed or the
// list ends, after one untimed warm-up file, and prints one line:
//
//   NAME VERSION BYTES SECONDS ITEMS
//
// Run it through throughput.sh, which installs the packages.
'use strict';
const fs = require('fs');
const path = require('path');

const [list, secondsArg = '5'] = process.argv.slice(2);
const budget = Number(secondsArg);
const modules = path.join(__dirname, 'node_modules');

function load(name) {
  const mod = require(path.join(modules, name));
  const version = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
  return { mod, version };
}

// Blocks as galley's core makes them: maximal runs of non-blank lines.
function blocks(text) {
  return text.split(/\n[ \t\r]*\n/).map((b) => b.trim()).filter((b) => b.length > 0);
}

const files = fs.readFileSync(list, 'utf8').split('\n').filter((l) => l.length > 0);
const texts = [];
let loaded = 0;
// Enough text for any peer within the budget; the slowest ones stop early.
for (const f of files) {
  const t = fs.readFileSync(f, 'utf8');
  texts.push({ text: t, bytes: Buffer.byteLength(t, 'utf8'), blocks: blocks(t) });
  loaded += texts[texts.length - 1].bytes;
  if (loaded > 200e6) break;
}

function measure(name, version, work) {
  work(texts[0]); // warm-up: module initialisation and the JIT
  let bytes = 0;
  let items = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  for (let i = 0; i < texts.length; i++) {
    items += work(texts[i]);
    bytes += texts[i].bytes;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (elapsed >= budget) break;
  }
  console.log(`${name} ${version} ${bytes} ${elapsed.toFixed(6)} ${items}`);
}

{
  const { mod, version } = load('vader-sentiment');
  const analyser = mod.SentimentIntensityAnalyzer;
  measure('vader-sentiment', version, (doc) => {
    let n = 0;
    for (const b of doc.blocks) {
      if (analyser.polarity_scores(b).compound !== 0) n++;
    }
    return n;
  });
}
{
  const { mod: Sentiment, version } = load('sentiment');
  const sentiment = new Sentiment();
  measure('sentiment', version, (doc) => {
    let n = 0;
    for (const b of doc.blocks) {
      if (sentiment.analyze(b).score !== 0) n++;
    }
    return n;
  });
}
{
  const { mod, version } = load('compromise');
  const nlp = typeof mod === 'function' ? mod : mod.default;
  measure('compromise', version, (doc) => nlp(doc.text).people().out('array').length);
}
