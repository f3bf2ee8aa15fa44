/**
 * Stands in (scripts/lean-mqtt.js) for modules mqtt.js reaches only outside a browser (net, tls,
 * dns, socks, the `ws` package, its tcp/tls/socks connectors) or for URLs the app never uses
 * (its wx:// and ali:// connectors for WeChat and Alipay mini-programs).
 */
export default {};
