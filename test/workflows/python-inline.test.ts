// Inline Python whose test verdict is thrown away: Python exits 0 unless an exception escapes or the
// code calls sys.exit, so a returned verdict decides nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discardedVerdicts } from '../../src/workflows/python-inline.js';

const calls = (code: string) => discardedVerdicts(code).map((d) => d.call);

describe('discardedVerdicts', () => {
  it('finds test entry points called as statements of their own', () => {
    assert.deepEqual(calls('import numpy; numpy.test()'), ['numpy.test()']);
    assert.deepEqual(calls('import numpy as np\nnp.test("full", verbose=2)'), ['np.test("full", verbose=2)']);
    assert.deepEqual(calls('import pytest; pytest.main(["-x", "tests; other"])'), ['pytest.main(["-x", "tests; other"])']);
    assert.deepEqual(calls('import doctest, mod\ndoctest.testmod(mod)'), ['doctest.testmod(mod)']);
    assert.deepEqual(calls('import unittest; unittest.main(module="t", exit=False)'), ['unittest.main(module="t", exit=False)']);
  });

  it('leaves verdicts that are used, and calls it does not know', () => {
    assert.deepEqual(calls('import sys, numpy; sys.exit(not numpy.test())'), []);
    assert.deepEqual(calls('import numpy; assert numpy.test()'), []);
    assert.deepEqual(calls('import pytest; rc = pytest.main([]); raise SystemExit(rc)'), []);
    assert.deepEqual(calls('import unittest; unittest.main()'), [], 'unittest.main exits by itself');
    assert.deepEqual(calls('from app import server; server.test()'), [], 'server was not imported as a module');
    assert.deepEqual(calls('import numpy  # numpy.test()'), [], 'a comment');
    assert.deepEqual(calls('print("numpy.test()")'), []);
    assert.deepEqual(calls('import numpy, sys; numpy.test() or sys.exit(1)'), [], 'the verdict decides an exit');
    assert.deepEqual(calls('import pandas; pandas.test()'), [], "pandas' test() exits by itself");
    assert.deepEqual(calls('import numpy\nok = \\\n  numpy.test()'), [], 'a continued assignment');
  });

  it('knows a test runner run as a statement of its own', () => {
    assert.deepEqual(calls('from unittest import TextTestRunner; TextTestRunner().run(suite)'), ['TextTestRunner().run(suite)']);
    assert.deepEqual(calls('import unittest; unittest.TextTestRunner(verbosity=2).run(s).wasSuccessful() or sys.exit(1)'), []);
  });
});
