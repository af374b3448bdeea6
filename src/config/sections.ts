import { arr, bool, num, obj, record, str, union, type Schema } from './schema.js';

const SEVERITY = str(['info', 'low', 'medium', 'high']);

/** `rules.<id>`: `off`, `on`, a severity, or a mapping. */
export const ruleSetting: Schema = union(
  "'off', 'on', a severity, or a mapping with enabled/severity",
  str(['off', 'on', 'info', 'low', 'medium', 'high']),
  bool(),
  obj({ enabled: bool(), severity: SEVERITY }),
);

/**
 * Every top-level section of `groundwork.yml`. Each capability owns its section here; the
 * capability's own code reads it through `Config.section(name)`.
 */
export const configSchema: Schema = obj({
  rules: record(ruleSetting),
  ignore: arr(str()),
  failOn: str(['info', 'low', 'medium', 'high', 'never']),
  pin: obj({
    policies: arr(
      obj({ pattern: str(), policy: str(['hash-pin', 'ref-pin', 'allow']), reason: str(), branches: str(['refuse', 'pin']) }, ['pattern', 'policy', 'reason']),
    ),
    gitBase: str(),
    cacheTtl: str(),
    branches: str(['refuse', 'pin']),
  }),
  sbom: obj({ roots: arr(str()), overrides: str(), exclude: arr(str()) }),
  deps: obj({ maxAge: str(), osvDb: str(), includePrerelease: bool() }),
  smoke: obj({ roots: arr(str()), packages: arr(str()), compiled: arr(str()), generated: arr(str()), thirdParty: arr(str()) }),
  plan: obj({ ledger: str(), ratchet: str(), auditPack: str() }),
  audit: obj({ out: str() }),
  m11: obj({ package: str(), initFile: str(), initFunction: str(), testFile: str(), anchor: str() }),
  timeout: num(),
});
