// The console's front door, for `cifras ask`: one command line run through the real dispatcher
// and printed as plain text. It has no routes, services or sender, so it is not a Platform.
export { AskUsageError, askInvocation, runAsk, runAskResult, type AskOptions, type AskResult } from './run-ask.js';
export { renderPlainText } from './render-plain-text.js';
