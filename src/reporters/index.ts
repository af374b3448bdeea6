import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Report } from './report.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export function render(format: Format, report: Report, opts: { colour: boolean } = { colour: false }): string {
  switch (format) {
    case 'text':
      return renderText(report, opts);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'github':
      return renderGithub(report);
    case 'markdown':
      return renderMarkdown(report);
  }
}

export { FORMATS, type Format, type Report } from './report.js';
