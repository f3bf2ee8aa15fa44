/**
 * What the app loads on the first visit of the Dashboard (zod, react-grid-layout and the widgets
 * stay out of the first load): the screen, and the models src/app/live.ts wires the moment it arrives.
 */
export { DashboardScreen } from './dashboard-screen';
export { switchRuntime } from './switch-runtime';
export { discoveryModel } from './discovery-model';
