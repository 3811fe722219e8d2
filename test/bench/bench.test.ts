/**
 * Smoke test of the bench (`npm run bench`): its data generator and both parts run at a tiny size.
 * No timing is asserted: figures are for reading, and the machine may be shared.
 */
import assert from 'node:assert/strict';
import { benchQuestions, NATIONAL_COUNT, nationalContent, withTypos, rng } from '../../bench/corpus';
import { runE2eBench } from '../../bench/e2e';
import { runKnowledgeBench } from '../../bench/knowledge';
import { runTurnBench } from '../../bench/turn';
import { describeTurn, answer, buildKnowledgePath } from '../../bench/knowledgePath';

describe('bench', () => {
  it('generates 357 valid municipalities with their own identity from the five notices', () => {
    const { content, templates, templateOf } = nationalContent();
    assert.equal(content.municipalities.length, NATIONAL_COUNT);
    assert.equal(new Set(content.municipalities.map((m) => m.id)).size, NATIONAL_COUNT);
    assert.equal(new Set(content.municipalities.map((m) => m.name)).size, NATIONAL_COUNT);
    for (const m of content.municipalities.slice(0, templates.length)) {
      const template = templates.find((t) => t.id === templateOf.get(m.id))!;
      assert.equal(m.sections.length, template.sections.length);
      assert.deepEqual(m.sections.map((s) => s.questions.length), template.sections.map((s) => s.questions.length));
      const text = JSON.stringify(m);
      // The template's own name, e-mails and phones are replaced everywhere.
      if (template.id !== 'generic') assert.doesNotMatch(text, new RegExp(template.name.replace(/\s+kommune$/, ''), 'i'));
      for (const contact of Object.values(template.contacts)) {
        if (contact?.email) assert.ok(!text.includes(contact.email), `${m.id} still has ${contact.email}`);
        if (contact?.phone) assert.ok(!text.includes(contact.phone), `${m.id} still has ${contact.phone}`);
      }
    }
  });

  it('asks variants, typos and off-topic questions, the same every run', () => {
    const national = nationalContent(10);
    const a = benchQuestions(national, { count: 200 });
    assert.deepEqual(a, benchQuestions(national, { count: 200 }));
    assert.deepEqual(new Set(a.map((q) => q.kind)), new Set(['variant', 'typo', 'off_topic']));
    assert.notEqual(withTypos('Kva informasjonskapslar brukar nettsida?', rng(1)), 'Kva informasjonskapslar brukar nettsida?');
  });

  it('runs the knowledge path and plain MiniSearch at a small scale', async () => {
    const options = { municipalities: 6, queries: 60, passes: 1, warmup: 10 };
    const ours = await runKnowledgeBench({ system: 'knowledge', ...options }, () => undefined);
    assert.equal(ours.municipalities, 6);
    assert.equal(ours.latency.n, 60);
    assert.ok(ours.outcomes.answer! > 0, 'some questions are answered');
    const plain = await runKnowledgeBench({ system: 'minisearch', ...options }, () => undefined);
    assert.equal(plain.latency.n, 60);
  });

  it('describes a turn by what it decided', () => {
    const path = buildKnowledgePath(nationalContent(5).content);
    const id = path.knowledge.municipalityIds()[0]!;
    const turn = answer(path, id, 'Kven er personvernombodet?');
    assert.equal(describeTurn(turn), describeTurn(answer(path, id, 'Kven er personvernombodet?')));
  });

  it('drives the real server and the echo server over Direct Line, paced and saturated', async () => {
    const { paced, saturated } = await runE2eBench({ conversations: 3, turns: 2, rounds: 1, saturatedRounds: 1, thinkMs: 20, control: false }, () => undefined);
    for (const phase of [paced, saturated!]) {
      assert.equal(phase.real.n, 6);
      assert.equal(phase.echo.n, 6);
      assert.equal(phase.errors, 0);
      assert.ok(phase.realBusyMs > 0 && phase.echoBusyMs > 0, 'the servers were busy with the turns');
    }
  });

  it('runs the personvern bot and the echo bot in-process, every turn answered', async () => {
    const r = await runTurnBench({ conversations: 4, turns: 2, rounds: 1 }, () => undefined);
    assert.equal(r.unanswered, 0);
    assert.ok(r.realCpuMs > 0 && r.echoCpuMs > 0);
  });
});
