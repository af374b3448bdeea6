import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceFile } from '../../src/sources/source-file.js';
import { parseYaml } from '../../src/sources/yaml-source.js';

/** Nine levels of nine aliases each: 9^9 nodes once expanded, with the anchors written `layout`. */
function bomb(layout: (name: string, body: string) => string): string {
  const names = 'abcdefghij';
  const lines = [layout('a', '["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')];
  for (let i = 1; i < names.length; i++)
    lines.push(
      layout(
        names[i]!,
        `[${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

const refused = (text: string) => parseYaml(sourceFile('w.yml', text)).problems.some((p) => /alias bomb/.test(p.message));

describe('parseYaml alias bombs', () => {
  it('refuses anchors in block mappings, block sequences, flow mappings and at the start of the text', () => {
    assert.ok(refused(bomb((n, body) => `${n}: &${n} ${body}`)));
    assert.ok(refused(bomb((n, body) => `- &${n} ${body}`)));
    assert.ok(
      refused(
        `{${bomb((n, body) => `${n}: &${n} ${body},`)
          .replace(/\n/g, ' ')
          .replace(/,\s*$/, '')}}`,
      ),
    );
    assert.ok(refused(`&a\n${bomb((n, body) => `${n}: &${n} ${body}`)}`));
    assert.ok(refused(bomb((n, body) => `${n}:\t&${n}\t${body}`)));
    assert.ok(
      refused(
        `{${bomb((n, body) => `"${n}":&${n} ${body},`)
          .replace(/\n/g, ' ')
          .replace(/,\s*$/, '')}}`,
      ),
      'an anchor right after the colon of a JSON-like key',
    );
    // Anchor names may start with & or a no-break space: YAML's white space is only space and tab.
    assert.ok(refused(bomb((n, body) => `${n}: &&${n} ${body.replace(/\*(\w)/g, '*&$1')}`)), 'names starting with &');
    assert.ok(refused(bomb((n, body) => `${n}: &\u00a0${n} ${body.replace(/\*(\w)/g, '*\u00a0$1')}`)), 'names starting with a no-break space');
  });

  it('lets small documents with aliases, and scripts full of && and &>, through', () => {
    assert.ok(!refused('x: &x [1, 2]\ny: *x\nz: *x\n'));
    assert.ok(!refused('run: make &>/dev/null && make test && echo "*x"\n'));
  });
});

describe('parseYaml flow collections GitHub reads', () => {
  const matrix = [
    'jobs:',
    '  windows:',
    '    strategy:',
    '      matrix:',
    '        config: [Release]',
    '        build-params: [ ',
    '        {static:  ON, tests:  ON}, # the header-only build',
    '        {static: OFF, tests: OFF},',
    '        ]',
    '    runs-on: windows-2022',
    '',
  ].join('\n');

  it("reads a flow sequence whose items sit at its key's indentation (libigl), with every offset kept", () => {
    const { doc, problems } = parseYaml(sourceFile('w.yml', matrix));
    assert.deepEqual(problems, []);
    const js = doc.toJS() as { jobs: { windows: { strategy: { matrix: Record<string, unknown> }; 'runs-on': string } } };
    assert.deepEqual(js.jobs.windows.strategy.matrix['build-params'], [
      { static: 'ON', tests: 'ON' },
      { static: 'OFF', tests: 'OFF' },
    ]);
    // Ranges point into the text as written: the second item and the key after the collection.
    const item = (doc.getIn(['jobs', 'windows', 'strategy', 'matrix', 'build-params'], true) as { items: { range: number[] }[] }).items[1]!;
    assert.equal(matrix.slice(item.range[0], item.range[1]), '{static: OFF, tests: OFF}');
    const runsOn = doc.getIn(['jobs', 'windows', 'runs-on'], true) as { range: number[] };
    assert.equal(matrix.slice(runsOn.range[0], runsOn.range[1]), 'windows-2022');
  });

  it('keeps a `#` inside a quoted value of the joined collection (a value, not a comment)', () => {
    const text = [
      'jobs:',
      '  build:',
      '    strategy:',
      '      matrix:',
      '        cmd: [',
      '        "make test #unit",',
      `        'echo ",done',`,
      '        ]',
      '',
    ].join('\n');
    const { doc, problems } = parseYaml(sourceFile('w.yml', text));
    assert.deepEqual(problems, []);
    assert.deepEqual((doc.toJS() as { jobs: { build: { strategy: { matrix: { cmd: string[] } } } } }).jobs.build.strategy.matrix.cmd, [
      'make test #unit',
      'echo ",done',
    ]);
  });

  it('still refuses what is broken on any reading (an unclosed collection)', () => {
    const { problems } = parseYaml(sourceFile('w.yml', matrix.replace('        ]\n', '')));
    assert.ok(problems.length > 0);
  });
});
