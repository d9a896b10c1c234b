/**
 * Next-item evaluation of the association signal on the retail baskets (arules "Groceries").
 * Rules are mined on the first 80% of the lines of train.csv and evaluated on the remaining 20%:
 * in each basket with at least 2 items one item is hidden, 3 items are suggested from the rest, and
 * hit rate@3 is the share of hidden items among the suggestions. Two protocols: hide the last item
 * (leave-last-out, as the issue asks) and hide each item in turn (leave-one-out, as the dataset README suggests).
 *
 *   npx ts-node --transpile-only -P tools/insights/tsconfig.json tools/insights/eval-crosssell.ts [--baskets path]
 */
import { parseArgs } from 'node:util';
import { associatedItems, AssociationRule, mineAssociations, popularItems } from '../../libs/insights/src';
import { readDataFile, repoPath } from './lib/files';
import { fixed, markdownTable } from './lib/metrics';

const { values: flags } = parseArgs({
  options: {
    baskets: { type: 'string', default: '../shared/datasets/retail/train.csv' },
    'train-fraction': { type: 'string', default: '0.8' },
    'min-support': { type: 'string', default: '0.001' },
    'min-confidence': { type: 'string', default: '0.01' },
    k: { type: 'string', default: '3' },
  },
});
const k = Number(flags.k);

// One basket per line, items separated by commas, no quoting. Labels are kept verbatim: two of them
// ("cream cheese ", "roll products ") end in a space upstream, and trimming only one split would break matches.
const file = readDataFile(repoPath(flags.baskets));
const baskets = file.text
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => [...new Set(line.split(','))]);
const cut = Math.floor(baskets.length * Number(flags['train-fraction']));
const training = baskets.slice(0, cut);
const evaluation = baskets.slice(cut).filter((basket) => basket.length >= 2);

const rules = mineAssociations(training, {
  minSupport: Number(flags['min-support']),
  minConfidence: Number(flags['min-confidence']),
});
const popular = popularItems(training).map((entry) => entry.item);

type Recommender = (given: readonly string[]) => string[];
const mostPopular: Recommender = (given) => popular.filter((item) => !given.includes(item)).slice(0, k);
const byAssociation =
  (minedRules: readonly AssociationRule[]): Recommender =>
  (given) =>
    associatedItems(given, minedRules)
      .slice(0, k)
      .map((entry) => entry.item);
const associationsThenPopular: Recommender = (given) => {
  const picked = byAssociation(rules)(given);
  return [...picked, ...mostPopular([...given, ...picked])].slice(0, k);
};

interface Case {
  hidden: string;
  given: string[];
}
const leaveLastOut: Case[] = evaluation.map((basket) => ({
  hidden: basket[basket.length - 1],
  given: basket.slice(0, -1),
}));
const leaveOneOut: Case[] = evaluation.flatMap((basket) =>
  basket.map((hidden) => ({
    hidden,
    given: basket.filter((item) => item !== hidden),
  })),
);

const hitRate = (cases: readonly Case[], recommend: Recommender) =>
  cases.filter(({ hidden, given }) => recommend(given).includes(hidden)).length / cases.length;
const coverage = (cases: readonly Case[]) => cases.filter(({ given }) => associatedItems(given, rules).length > 0).length / cases.length;

const recommenders: Array<[string, Recommender]> = [
  ['associations (rule confidence)', byAssociation(rules)],
  ['associations, then most popular to fill', associationsThenPopular],
  ['most popular not in basket (baseline)', mostPopular],
];

console.log(
  `Retail baskets: ${baskets.length} lines of ${file.file} (sha256 ${file.sha256.slice(0, 12)}…); rules mined on lines 1–${cut}, ` +
    `evaluated on lines ${cut + 1}–${baskets.length} (${evaluation.length} baskets with ≥ 2 items).`,
);
console.log(
  `${rules.length} rules with support ≥ ${flags['min-support']} and confidence ≥ ${flags['min-confidence']}; ` +
    `associations had a candidate for ${fixed(coverage(leaveLastOut) * 100, 1)}% of leave-last-out cases.\n`,
);
console.log(
  markdownTable(
    ['suggester', `hit rate@${k}, leave-last-out (${leaveLastOut.length} cases)`, `hit rate@${k}, leave-one-out (${leaveOneOut.length} cases)`],
    recommenders.map(([name, recommend]) => [name, fixed(hitRate(leaveLastOut, recommend), 3), fixed(hitRate(leaveOneOut, recommend), 3)]),
  ),
);
