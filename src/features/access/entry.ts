/**
 * What the app loads on the first visit of Access control: the view, and the dynamic-security
 * answers src/app/live.ts routes from the batches once it arrived.
 */
export { AccessView } from './access-view';
export { routeDynsecResponses } from './use-dynsec';
