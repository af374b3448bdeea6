/** One `[submodule "…"]` section of a `.gitmodules` file. */
export interface SubmoduleDecl {
  name: string;
  path?: string;
  url?: string;
  branch?: string;
  /** 1-based line of the section header. */
  line: number;
}

/**
 * Parses `.gitmodules` (git-config syntax). Kept tolerant: quoted values, comments, `key=value`
 * without spaces and CRLF all occur in real repositories.
 */
export function parseGitmodules(text: string): SubmoduleDecl[] {
  const out: SubmoduleDecl[] = [];
  let current: SubmoduleDecl | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*submodule\s+"(.*)"\s*\]$/.exec(line);
    if (header) {
      current = { name: header[1]!, line: i + 1 };
      out.push(current);
      continue;
    }
    if (line.startsWith('[')) {
      current = undefined; // another section type: its keys are not ours
      continue;
    }
    const kv = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (!kv || !current) continue;
    const key = kv[1]!.toLowerCase();
    const value = unquote(kv[2]!.replace(/\s+[#;].*$/, ''));
    if (key === 'path') current.path = value.replace(/\/+$/, '');
    else if (key === 'url') current.url = value;
    else if (key === 'branch') current.branch = value;
  }
  return out;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
