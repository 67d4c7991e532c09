/**
 * `npm run verify:decision -- FILE` recomputes a published decision record from the record alone:
 * in process for each case, and once as a process (the command npm runs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../shared/network/decision-record';
import type { DecisionInputs } from '../../shared/network/decisions';
import { buildDecisionRecord, recordHash } from '../modules/network/decision-record';
import { verifyDecision } from './verify-decision';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-verify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const context = {
  meeting: { id: 'm-2026-1', date: '2026-03-10', title: 'Second meeting of the Network' },
  agenda_item: { id: 'a-4', title: 'Knowledge hub' },
  proposal: { id: 'p-7', text: 'Open the knowledge hub to partners’ contributions.' },
  decided_at: '2026-03-10T15:42:00Z',
};
const vote: DecisionInputs = {
  members_present: ['PRY', 'ARG', 'MAR', 'PRT', 'CRI'],
  observers_present: ['ECU'],
  method: 'vote',
  objections: ['MAR'],
  votes: [
    { state: 'PRY', vote: 'yes', cast_by: 'focal_point' },
    { state: 'ARG', vote: 'yes', cast_by: 'deputy' },
    { state: 'MAR', vote: 'no', cast_by: 'focal_point' },
    { state: 'PRT', vote: 'abstain', cast_by: 'focal_point' },
  ],
};

async function verify(content: string | object) {
  const file = path.join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  let stdout = '';
  let stderr = '';
  const code = await verifyDecision([file], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, cwd: dir });
  return { code, stdout, stderr };
}

/** A record altered after it was published, with its hash made to fit again (a careful forger). */
function forged(record: DecisionRecord, change: (record: DecisionRecord) => void): DecisionRecord {
  const copy = structuredClone(record);
  change(copy);
  return { ...copy, sha256: recordHash(copy) };
}

describe('verify:decision', () => {
  const record = buildDecisionRecord(vote, context);

  it('builds a record with States in order, the tally and outcome by the rule, and a hash of its canonical form', () => {
    expect(record.members_present).toEqual(['ARG', 'CRI', 'MAR', 'PRT', 'PRY']);
    expect(record.votes.map((v) => v.state)).toEqual(['ARG', 'MAR', 'PRT', 'PRY']);
    expect(record.tally).toEqual({ yes: 2, no: 1, abstain: 1, present_not_voting: 1 });
    expect(record.outcome).toBe('adopted');
    expect(record.rule).toBe('simple-majority-of-members-present-and-voting/1');
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The same decision, listed in another order, has the same record and hash.
    expect(buildDecisionRecord({ ...vote, members_present: [...vote.members_present].reverse(), votes: [...vote.votes].reverse() }, context))
      .toEqual(record);
  });

  it('says MATCHES for a published record, whatever its layout', async () => {
    const run = await verify(record);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('MATCHES: adopted by simple-majority-of-members-present-and-voting/1 (yes 2, no 1, abstain 1, present not voting 1)');
    expect((await verify(JSON.stringify(record))).code).toBe(0);
    const consensus = buildDecisionRecord({ ...vote, method: 'consensus', objections: [], votes: [] }, context);
    expect(await verify(consensus)).toMatchObject({ code: 0, stdout: expect.stringContaining('MATCHES: adopted by consensus-of-members-present/1;') });
  });

  it('finds a changed vote, outcome or text, whether the hash was left or made to fit again', async () => {
    const flipped = structuredClone(record);
    flipped.votes[3].vote = 'no'; // PRY: yes → no; tally and hash no longer fit
    const run = await verify(flipped);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('tally: the record says {"abstain":1,"no":1,"present_not_voting":1,"yes":2}, the votes give {"abstain":1,"no":2,"present_not_voting":1,"yes":1}');
    expect(run.stdout).toContain('outcome: the record says adopted, the rule gives not_adopted');
    expect(run.stdout).toContain('sha256: the record says');

    // Abstentions counted as no, tally and hash recomputed to fit: the outcome still betrays it.
    const asNo = forged(record, (r) => { r.tally = { yes: 2, no: 2, abstain: 0, present_not_voting: 1 }; r.outcome = 'not_adopted'; });
    expect((await verify(asNo)).stdout).toContain('tally: the record says {"abstain":0,"no":2');

    const text = structuredClone(record);
    text.proposal.text = 'Close the knowledge hub.';
    expect(await verify(text)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^DOES NOT MATCH:\n {2}sha256: /) });
  });

  it('refuses a record that breaks the rule: an observer or an absent member voting, consensus with an objection', async () => {
    const observer = forged(record, (r) => { r.votes.push({ state: 'ECU', vote: 'yes', cast_by: 'focal_point' }); });
    expect(await verify(observer)).toMatchObject({ code: 1, stdout: expect.stringContaining('"code":"vote_by_observer","state":"ECU"') });
    const absent = forged(record, (r) => { r.votes.push({ state: 'URY', vote: 'yes', cast_by: 'deputy' }); });
    expect((await verify(absent)).stdout).toContain('"code":"vote_by_member_not_present","state":"URY"');
    const consensus = forged(record, (r) => { r.method = 'consensus'; r.votes = []; r.rule = 'consensus-of-members-present/1'; r.tally = null; });
    expect((await verify(consensus)).stdout).toContain('"code":"consensus_with_objections"');
  });

  it('says plainly what is wrong with a file that is not a record, and never throws', async () => {
    expect(await verify('{"format": ')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('not JSON') });
    const missing = await verify({ ...record, sha256: undefined, extra: 1 });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('not a decision record');
    expect(missing.stderr).toContain('sha256:');
    expect(missing.stderr).toContain('extra');
    const noFile = await verifyDecision([path.join(dir, 'nowhere.json')], { stdout: () => {}, stderr: (t) => { expect(t).toContain('ENOENT'); }, env: {}, cwd: dir });
    expect(noFile).toBe(2);
    let usage = '';
    expect(await verifyDecision([], { stdout: () => {}, stderr: (t) => { usage += t; }, env: {}, cwd: dir })).toBe(2);
    expect(usage).toContain('Usage: npm run verify:decision -- FILE');
  });

  it('runs as the command npm runs, with its exit status', () => {
    const file = path.join(dir, 'published.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const ok = spawnSync(tsx, ['server/cli/verify-decision.ts', file], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('MATCHES');
    fs.writeFileSync(file, JSON.stringify({ ...record, outcome: 'not_adopted' }));
    const bad = spawnSync(tsx, ['server/cli/verify-decision.ts', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('DOES NOT MATCH');
  }, 120_000);
});
