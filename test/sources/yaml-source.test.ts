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
