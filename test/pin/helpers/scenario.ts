import { join } from 'node:path';
import { git, RemoteHost } from './remotes.js';

/** The action repositories of the git tests, with every edge case the issue lists; SHAs are read back, never hard-coded. */
export interface Scenario {
  host: RemoteHost;
  sha: Record<string, string>;
}

const DAY = 86_400;
/** Tag and commit dates are relative to the real clock, which --min-age compares them with. */
export const NOW = Math.floor(Date.now() / 1000);

export function buildScenario(): Scenario {
  const host = new RemoteHost();
  const sha: Record<string, string> = {};

  // Lightweight v4 + annotated v4.2.2 on one commit, an older v3 line, a newer v5 (young).
  const co = host.remote('actions/checkout');
  sha.co1 = co.commit('v3', undefined, NOW - 400 * DAY);
  co.tag('v3', sha.co1).tag('v3.6.0', sha.co1);
  sha.co2 = co.commit('v4', sha.co1, NOW - 100 * DAY);
  co.tag('v4', sha.co2).tag('v4.2', sha.co2);
  sha.coTagObject = co.annotated('v4.2.2', sha.co2, NOW - 100 * DAY);
  sha.co3 = co.commit('v4.3', sha.co2, NOW - 30 * DAY);
  co.annotated('v4.3.0', sha.co3, NOW - 30 * DAY);
  sha.co4 = co.commit('v5', sha.co3, NOW - 2 * DAY);
  co.annotated('v5.0.0', sha.co4, NOW - 2 * DAY);
  co.tag('v5', sha.co4);
  sha.coMain = co.commit('wip', sha.co4, NOW - DAY);
  co.branch('main', sha.coMain);

  // Nested annotated tag: v2 → tag object → tag object → commit; and x.y with x.y.z on one commit.
  const nested = host.remote('acme/nested');
  sha.n1 = nested.commit();
  sha.nInner = nested.annotated('v2.0.0', sha.n1);
  nested.annotated('v2', 'v2.0.0');
  nested.tag('v2.0', sha.n1).branch('main', sha.n1);

  // v1 and v1.2.0 on different commits (a float behind the release), then v1.2.0 force-moved.
  const moving = host.remote('acme/moving');
  sha.m1 = moving.commit();
  sha.m2 = moving.commit('two', sha.m1);
  moving.tag('v1', sha.m1).tag('v1.2.0', sha.m2).tag('v1.1.0', sha.m1).branch('main', sha.m2);
  sha.m3 = moving.commit('malicious', sha.m2);

  // A branch and a tag both named `release`, pointing at different commits.
  const amb = host.remote('acme/ambiguous');
  sha.a1 = amb.commit();
  sha.a2 = amb.commit('two', sha.a1);
  amb.branch('release', sha.a1).tag('release', sha.a2).tag('v1.0.0', sha.a2).branch('main', sha.a2);

  // A commit only refs/pull/1/head reaches (an impostor), plus a branch-only commit (stale).
  const fork = host.remote('acme/fork');
  sha.f1 = fork.commit();
  fork.tag('v1.0.0', sha.f1);
  sha.fStale = fork.commit('unreleased', sha.f1);
  fork.branch('main', sha.fStale);
  sha.fPull = fork.commit('from a fork', sha.f1);
  fork.ref('refs/pull/1/head', sha.fPull);

  // No tags at all; the head's parent is what a short SHA names.
  const bare = host.remote('acme/notags');
  sha.t1 = bare.commit();
  sha.t2 = bare.commit('two', sha.t1);
  bare.branch('main', sha.t2);

  // Reusable workflows and an action in a subdirectory live in one repository.
  const infra = host.remote('acme/infra');
  sha.i1 = infra.commit();
  infra.annotated('v0.3.1', sha.i1);
  infra.tag('v0.3', sha.i1).branch('main', sha.i1);

  const slsa = host.remote('slsa-framework/slsa-github-generator');
  sha.s1 = slsa.commit();
  slsa.tag('v2.0.0', sha.s1);
  return { host, sha };
}

/** Moves v1.2.0 of acme/moving to a new commit, as a compromised maintainer would. */
export function forceMoveTag(s: Scenario): void {
  git(['update-ref', 'refs/tags/v1.2.0', s.sha.m3!], join(s.host.root, 'acme', 'moving'));
}
