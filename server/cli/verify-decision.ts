/**
 * `npm run verify:decision -- FILE`: recomputes a published decision record of the Network from
 * the record alone — the tally from the votes, the outcome by the rule the record names, the
 * SHA-256 of its canonical form — and says whether they match what the record states.
 * Exit status: 0 it matches, 1 it does not (or breaks the rule), 2 the file cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { verifyDecisionRecord } from '../modules/network/decision-record';
import { runIfMain, type Command } from './command';

/** A decision record is a few kilobytes; anything much larger is not one. */
const MAX_BYTES = 2 * 1024 * 1024;

export const verifyDecision: Command = async (args, io) => {
  if (args.length !== 1 || args[0].startsWith('-')) {
    io.stderr('Usage: npm run verify:decision -- FILE (a decision record in JSON, as the hub publishes it)\n');
    return 2;
  }
  const file = path.resolve(io.cwd, args[0]);
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_BYTES) {
      io.stderr(`${args[0]}: ${size} bytes is too large for a decision record (at most ${MAX_BYTES}).\n`);
      return 2;
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr(`${args[0]}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\n`);
    return 2;
  }
  const result = verifyDecisionRecord(text);
  if (result.valid) {
    const { record } = result;
    const tally = record.tally ? ` (yes ${record.tally.yes}, no ${record.tally.no}, abstain ${record.tally.abstain}, present not voting ${record.tally.present_not_voting})` : '';
    io.stdout(`MATCHES: ${record.outcome} by ${record.rule}${tally}; sha256 ${record.sha256}\n`);
    return 0;
  }
  switch (result.reason) {
    case 'unreadable':
      io.stderr(`${args[0]}: not JSON (${result.detail}).\n`);
      return 2;
    case 'malformed':
      io.stderr(`${args[0]}: not a decision record:\n${result.issues.map((issue) => `  ${issue}\n`).join('')}`);
      return 2;
    case 'rule_broken':
      io.stdout(`DOES NOT MATCH: the record breaks the Network's rule:\n${result.problems.map((problem) => `  ${JSON.stringify(problem)}\n`).join('')}`);
      return 1;
    case 'mismatch':
      io.stdout(`DOES NOT MATCH:\n${result.differences.map((difference) => `  ${difference}\n`).join('')}`);
      return 1;
  }
};

runIfMain(import.meta.url, verifyDecision);
