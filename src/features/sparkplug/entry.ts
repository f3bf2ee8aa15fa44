/** What app/sparkplug-feed.ts loads on the first Sparkplug message or the first visit: the model and its view. */
export { sparkplugModel } from './model-instance';
export { SparkplugView } from './sparkplug-view';
