export { type Annotation, type AnnotationOptions, annotations } from './annotations.js';
export { type CommentOptions, commentMarker, prComment } from './comment.js';
export { aggregateEgress, type EgressRow, formatDestination, formatTarget } from './egress.js';
export { failureMessage, type JunitOptions, junitXml, type RunLogs } from './junit.js';
export { suggestionFor } from './suggestion.js';
export { type Suggestion, type SummaryOptions, summaryMarkdown, verdictLine } from './summary.js';
export { type ReportPaths, readEvents, readResults, readTail, writeReports } from './write.js';
