/**
 * The built-in demo edition: eight articles written for this project, shown when akhbar is run
 * with no source (or `--demo`). It doubles as the engine's test text: a mixed Arabic/Latin
 * article with both digit styles, a fully vowelled story, a long travelogue for scrolling, lists
 * under subheadings, a URL in running text. Plain data, no I/O.
 */
import type {Article, Edition, Headline} from '../model.js';
import {archive} from './articles/archive.js';
import {conference} from './articles/conference.js';
import {dates} from './articles/dates.js';
import {exams} from './articles/exams.js';
import {journey} from './articles/journey.js';
import {library} from './articles/library.js';
import {shade} from './articles/shade.js';
import {story} from './articles/story.js';

/** The article the README's first command opens (1-based, like `--article`). */
export const sampleArticleNumber = 1;

/** Articles in edition order; article numbers count from 1 in this order. */
const articles: Article[] = [library, conference, story, journey, exams, archive, dates, shade];

/** The most-read list, best first: the ranks a site would give these articles this morning. */
const mostRead: Article[] = [exams, library, dates, conference, journey, archive, story, shade];

export function demoEdition(): Edition {
	// Fresh objects on every call: callers may annotate or sort what they get.
	const copies = articles.map(article => ({...article, blocks: article.blocks.map(block => ({...block}))}));
	const headlines: Headline[] = mostRead.map((article, index) => {
		const headline: Headline = {key: article.key, title: article.title, rank: index + 1, article: articles.indexOf(article) + 1};
		if (article.date) headline.date = article.date;
		return headline;
	});
	return {
		source: 'demo',
		name: 'أخبار — عدد تجريبي',
		list: 'most-read',
		headlines,
		articles: copies,
		lang: 'ar',
		dir: 'rtl',
		notes: [],
	};
}
