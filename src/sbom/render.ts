import { renderCycloneDx, type DocumentOptions } from './cyclonedx.js';
import type { Inventory } from './inventory.js';
import { renderSpdx } from './spdx.js';
import { renderVersionsTable } from './versions-table.js';

export type SbomFormat = 'cyclonedx' | 'spdx' | 'markdown';
export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx', 'spdx', 'markdown'];

/** The seed's deliverables (M08), repository-relative. */
export const DEFAULT_SBOM_PATH = 'docs/refactor/SBOM.json';
export const DEFAULT_VERSIONS_PATH = 'docs/refactor/THIRD_PARTY_VERSIONS.md';

export function renderSbom(format: SbomFormat, inv: Inventory, opts: DocumentOptions = {}): string {
  switch (format) {
    case 'cyclonedx':
      return renderCycloneDx(inv, opts);
    case 'spdx':
      return renderSpdx(inv, opts);
    case 'markdown':
      return renderVersionsTable(inv);
  }
}
