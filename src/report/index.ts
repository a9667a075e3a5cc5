export { type Annotation, type AnnotationOptions, annotations } from './annotations.js';
export { type CommentOptions, commentMarker, prComment } from './comment.js';
export { aggregateEgress, type EgressRow, formatDestination, formatTarget } from './egress.js';
export { type EgressEdge, egressEdges, egressSvg } from './html/graph.js';
export { type HtmlInput, type HtmlOptions, reportHtml } from './html/page.js';
export { failureMessage, type JunitOptions, junitXml, type RunLogs, setupErrorXml } from './junit.js';
export { findResultsDirs } from './merge/find.js';
export { type MergeOptions, mergeResults } from './merge/merge.js';
export { setupLine } from './setup.js';
export { suggestionFor } from './suggestion.js';
export {
  reportLine,
  type Suggestion,
  type SummaryOptions,
  setupErrorMarkdown,
  summaryMarkdown,
  verdictLine,
} from './summary.js';
export {
  type ReportPaths,
  readEvents,
  readLogTails,
  readResults,
  readTail,
  type WriteReportsOptions,
  writeReports,
} from './write.js';
