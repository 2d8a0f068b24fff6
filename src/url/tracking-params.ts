/**
 * Query parameters that only track where a click came from. They never name the content, so they are
 * removed from both the article's URLs and the tab's URL before matching. Names are compared lower-case.
 * Anything not listed here is kept: an unknown parameter may name the content (`?p=`, `?id=`, YouTube's `v`),
 * and keeping it can only cost a match, never produce a wrong one.
 */
// prettier-ignore
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // Google Analytics / Ads
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', '_ga', '_gl', '_gac',
  // Facebook, Instagram, Twitter/X, LinkedIn, TikTok, Microsoft, Yandex
  'fbclid', 'igshid', 'igsh', 'twclid', 'li_fat_id', 'ttclid', 'msclkid', 'yclid', 'ysclid',
  // Mailchimp, HubSpot, Marketo, Vero, Omeda, Sailthru
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking', 'mkt_tok',
  'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 'sthash',
  // Publishers' own campaign and share tags
  'cmpid', 'cmp', 'ocid', 'ncid', 'icid', 'smid', 'smtyp', 'sr_share', 'ito', 's_cid',
  'share', 'sharetoken', 'share_id', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2',
  'at_custom3', 'at_custom4', 'wt_mc_id', 'dicbo', 'guccounter', 'guce_referrer',
  'guce_referrer_sig', 'soc_src', 'soc_trk', 'taid', 'xtor', 'spm', 'scm', 'tpcc', 'trk', 'trkcampaign',
  // Referral and feed markers
  'ref', 'ref_src', 'ref_url', 'referrer', 'src', 'source', 'via', 'feature', 'si', 'rss', 'from', 'fromrss',
  'campaign', 'partner', '__twitter_impression', 'mbid', 'cmpgn', 'ns_mchannel',
  'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'utm', 'zanpid', 'ranmid', 'raneaid', 'ransiteid',
  // The session token of a pre-signed Amazon S3 URL: it grants access, it does not name the object
  'x-amz-security-token',
]);

/**
 * Any parameter whose lower-cased name starts with one of these is tracking (utm_source, utm_medium, ...).
 * `wt.` is Webtrends' family (`WT.mc_id`, `WT.z_src`, ...); `WT` without the dot is not in it.
 */
const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_', 'wt.'];

/**
 * True when the query parameter `name` (decoded) only tracks the click and never names the content. Letter case
 * does not matter (`UTM_Source`, `X-Amz-Security-Token`); the rest of the name does (`gclid_foo` is not `gclid`).
 */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
