/**
 * Domains the benchmark holds out (leave-one-domain-out), each the sources of every corpus that
 * write in it: BBC news is `xsum-bbc-news` in detect-corpus and modern2024,
 * `detectrl-xsum-bbc-news` in modern, and L2R's `NewsArticle` domain holds more news, so a model
 * trained "without news" is trained without all of them.
 */
export const DOMAINS = {
  news: ['xsum-bbc-news', 'detectrl-xsum-bbc-news', 'l2r-NewsArticle'],
  stories: ['writingprompts-reddit', 'detectrl-writingprompts-reddit', 'l2r-LiteratureCreativeWriting'],
  wikipedia: ['squad-wikipedia'],
  medical: ['pubmedqa', 'l2r-MedicalText'],
} as const satisfies Record<string, readonly string[]>;
export type Domain = keyof typeof DOMAINS;
export const DOMAIN_NAMES = Object.keys(DOMAINS) as Domain[];
