/** The one Sparkplug model, fed by app/sparkplug-feed.ts and read by the view. */
import { SparkplugModel } from '../../core/sparkplug-model';

export const sparkplugModel = new SparkplugModel();
