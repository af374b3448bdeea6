import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { componentLicence } from '../../src/sbom/licence.js';
import { identifyLicenceText } from '../../src/sbom/licence-match.js';
import { REAL_LICENCES } from './scenario.js';

const spdxText = (id: string) => (createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>)[id]!.licenseText;
const folder = (files: Record<string, string>) => ({ files: Object.keys(files), read: (p: string) => files[p] });

describe('licence identification', () => {
  it("matches real licence files from this project's dependencies", () => {
    assert.equal(identifyLicenceText(REAL_LICENCES.mit).expression, 'MIT');
    assert.equal(identifyLicenceText(REAL_LICENCES.bsd3).expression, 'BSD-3-Clause');
    assert.equal(identifyLicenceText(REAL_LICENCES.isc).expression, 'ISC'); // not 0BSD, which lacks "appear in all copies"
    const apache = identifyLicenceText(REAL_LICENCES.apache);
    assert.equal(apache.expression, 'Apache-2.0'); // Pixar is within a hair: the common licence wins the near tie
    assert.equal(apache.method, 'text-match');
  });

  it('prefers an SPDX-License-Identifier over any guess', () => {
    const m = identifyLicenceText(`// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception\n${REAL_LICENCES.mit}`);
    assert.deepEqual([m.expression, m.method, m.confidence], ['Apache-2.0 WITH LLVM-exception', 'spdx-tag', 'high']);
  });

  it('recognises the LLVM exception appended to Apache-2.0', () => {
    const text = `${spdxText('Apache-2.0')}\n\n---- LLVM Exceptions to the Apache 2.0 License ----\n\nAs an exception, if, as a result of your compiling your source code, portions of this Software are embedded into an Object form of such source code, you may redistribute such embedded portions in such Object form without complying with the conditions of Sections 4(a), 4(b) and 4(d) of the License.\n`;
    assert.equal(identifyLicenceText(text).expression, 'Apache-2.0 WITH LLVM-exception');
  });

  it('splits concatenated licences and turns "either … at your option" into OR', () => {
    const both = `This project is dual licensed: you may use it under either license at your option.\n\n==== MIT ====\n${REAL_LICENCES.mit}\n==== Apache ====\n${spdxText('Apache-2.0')}`;
    const m = identifyLicenceText(both);
    assert.equal(m.expression, 'Apache-2.0 OR MIT');
    assert.ok(m.review);
    const combined = `${REAL_LICENCES.mit}\n== dependency license: adm-zip ==\n${REAL_LICENCES.bsd3}`;
    assert.equal(identifyLicenceText(combined).expression, 'BSD-3-Clause AND MIT');
  });

  it('falls back to notices, marked for review, and says so when nothing matches', () => {
    const notice = identifyLicenceText(
      'Copyright 2020 Google LLC\n\nLicensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License.',
    );
    assert.deepEqual([notice.expression, notice.method, notice.confidence], ['Apache-2.0', 'notice', 'medium']);
    const none = identifyLicenceText('All the code in this folder was written by us and is ours to keep. Ask before you copy it anywhere at all, please.');
    assert.equal(none.expression, undefined);
    assert.equal(none.confidence, 'low');
  });

  it('component level: several licence files are combined and flagged; NOTICE is ignored; manifest as fallback', () => {
    const eigenLike = componentLicence(
      folder({ 'COPYING.MPL2': spdxText('MPL-2.0'), 'COPYING.BSD': REAL_LICENCES.bsd3, NOTICE: 'This product includes software developed at X.\n' }),
      'third_party/eigen',
    );
    assert.equal(eigenLike.expression, 'BSD-3-Clause AND MPL-2.0');
    assert.equal(eigenLike.confidence, 'low');
    assert.match(eigenLike.review ?? '', /several licence files/);
    assert.deepEqual(eigenLike.files, ['third_party/eigen/COPYING.BSD', 'third_party/eigen/COPYING.MPL2']);
    const manifest = componentLicence(folder({ 'package.json': '{"license":"MIT"}' }), 'v/x');
    assert.deepEqual([manifest.expression, manifest.method], ['MIT', 'manifest']);
    assert.equal(componentLicence(folder({ 'a.c': 'int a;' }), 'v/y').review, 'no licence file');
  });
});
