// vader-blocks.js CORPUS_DIR SPLIT -- VADER's polarity for every content
// block of the gold files in CORPUS_DIR; prints accuracy and macro-F1 per
// split.  Run it through vader-blocks.sh, which installs the package.
'use strict';
const fs = require('fs');
const path = require('path');
const vader = require(path.join(__dirname, 'node_modules', 'vader-sentiment'));

const [corpus, wanted = 'all'] = process.argv.slice(2);
const labels = ['negative', 'neutral', 'positive'];

// Blocks as galley's core makes them: maximal runs of non-blank lines,
// trimmed, with the 1-based line of their first line.
function blocks(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out = [];
  let current = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      current = null;
    } else if (current) {
      current.text += '\n' + line;
    } else {
      current = { line: i + 1, text: line };
      out.push(current);
    }
  });
  return out.map((b) => ({ line: b.line, text: b.text.trim() }));
}

function polarity(compound) {
  return compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
}

const scores = { dev: [], heldout: [] };
for (const name of fs.readdirSync(corpus).sort()) {
  if (!name.endsWith('.gold.json')) continue;
  const gold = JSON.parse(fs.readFileSync(path.join(corpus, name), 'utf8'));
  const text = fs.readFileSync(path.join(corpus, name.replace(/\.gold\.json$/, '.txt')), 'utf8');
  const found = blocks(text);
  if (found.length !== gold.blocks.length) {
    console.error(`${name}: ${found.length} blocks in the text, ${gold.blocks.length} in the gold file`);
    process.exit(2);
  }
  gold.blocks.forEach((g, i) => {
    if (g.boilerplate || g.sentiment === null) return;
    if (found[i].line !== g.line) {
      console.error(`${name}: block ${i} starts on line ${found[i].line}, gold says ${g.line}`);
      process.exit(2);
    }
    const compound = vader.SentimentIntensityAnalyzer.polarity_scores(found[i].text).compound;
    scores[gold.split].push([g.sentiment, polarity(compound)]);
  });
}

function measure(pairs) {
  const correct = pairs.filter(([g, p]) => g === p).length;
  const f1 = labels.map((l) => {
    const tp = pairs.filter(([g, p]) => g === l && p === l).length;
    const fp = pairs.filter(([g, p]) => g !== l && p === l).length;
    const fn = pairs.filter(([g, p]) => g === l && p !== l).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return { blocks: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0,
           macroF1: f1.reduce((a, b) => a + b, 0) / labels.length };
}

const pkg = require(path.join(__dirname, 'node_modules', 'vader-sentiment', 'package.json'));
console.log(`vader-sentiment ${pkg.version} (${pkg.license}), compound thresholds +-0.05, one score per block`);
console.log('split      blocks  accuracy  macro-F1');
const splits = wanted === 'all' ? ['dev', 'heldout'] : [wanted];
for (const s of splits) {
  const m = measure(scores[s]);
  console.log(`${s.padEnd(9)}  ${String(m.blocks).padStart(6)}  ${m.accuracy.toFixed(3).padStart(8)}  ${m.macroF1.toFixed(3).padStart(8)}`);
}
