import type { Document } from 'yaml';
import type { Job, Step } from '../../sources/workflow.js';
import type { ScriptSite } from '../analysis.js';
import type { Collected } from './collect.js';

/** What the rest of the job tells about a site's hidden failures. */
export interface JobFacts {
  job: Job;
  /** Commands whose failure fails the job, anywhere in it. */
  loud: Collected['loud'];
  /** The same, by command text and by site: a job of thousands of steps is searched per failure. */
  loudByText: Map<string, Collected['loud']>;
  loudBySite: Map<ScriptSite, Collected['loud']>;
  /** The file's text, to search steps' keys. */
  fileText: string;
  /** Every job of the workflow, for jobs that read this one's outputs. */
  jobs: readonly Job[];
  /** Line of a file offset, for messages. */
  lineOf(site: ScriptSite, offset: number): number;
  /** Line of an offset in the file (a step's span). */
  fileLine(offset: number): number;
  /** The workflow's document, to evaluate conditions per matrix leg. */
  doc?: Document;
  /** The events that trigger the workflow (`on:`), where known. */
  events?: readonly string[];
  /** The script sites of a step, to read what later steps do with a value. */
  sitesOf(step: Step): ScriptSite[];
}
