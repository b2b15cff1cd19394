/**
 * One sync with a Google Reader API server (FreshRSS, Miniflux's endpoint): the queued marks
 * sent as edit-tag batches, the subscriptions and their folders, the ids of items newer than the
 * last sync (`ot`, a day back for items crawled late) whose contents are not stored yet, then the
 * read and starred state as the server's sets (unread ids, starred ids), applied where they differ.
 */
import type {GReaderClient, GReaderItem} from './greader.js';
import {readingList, readTag, starredTag} from './greader.js';
import type {SyncOptions, SyncResult} from './engine.js';
import type {Account, PendingMark, RemoteEntry, SyncStore} from './store.js';

const dayS = 24 * 60 * 60;

export async function syncGReader(store: SyncStore, account: Account, client: GReaderClient, options: SyncOptions): Promise<Omit<SyncResult, 'account' | 'requests'>> {
	let sent = 0;
	for (;;) {
		const batch = store.pending(account.id, 10_000);
		if (batch.length === 0) break;
		options.onProgress?.({phase: 'sending', done: sent, total: sent + store.pendingCount(account.id)});
		const groups = new Map<string, PendingMark[]>();
		for (const mark of batch) groups.set(`${mark.field}:${mark.value}`, [...(groups.get(`${mark.field}:${mark.value}`) ?? []), mark]);
		for (const [name, marks] of groups) {
			const tag = name.startsWith('read') ? readTag : starredTag;
			const ids = marks.map(mark => mark.remoteId);
			// eslint-disable-next-line no-await-in-loop -- in order, one group at a time
			await client.editTag(ids, name.endsWith(':true') ? {add: tag} : {remove: tag});
			store.sent(marks.map(mark => mark.seq));
			sent += marks.length;
		}
	}

	options.onProgress?.({phase: 'subscriptions', done: 0});
	const subscriptions = await client.subscriptions();
	store.applyFeeds(account, subscriptions.map(subscription => ({
		remoteId: subscription.id,
		title: subscription.title,
		feedUrl: subscription.url,
		...(subscription.htmlUrl ? {siteUrl: subscription.htmlUrl} : {}),
		categories: subscription.categories.map(category => category.label),
	})));
	const titles = new Map(subscriptions.map(subscription => [subscription.id, subscription.title]));

	options.onProgress?.({phase: 'entries', done: 0});
	const known = store.knownRemoteIds(account.id);
	const recent = await client.allItemIds({stream: readingList, count: 1000, ...(account.newestTime > 0 ? {newerThan: account.newestTime - dayS} : {})});
	const wanted = recent.filter(id => !known.has(id));
	let added = 0;
	let newest = account.newestTime;
	for (let start = 0; start < wanted.length; start += 1000) {
		// eslint-disable-next-line no-await-in-loop -- a page of contents at a time, stored as it comes
		const items = await client.items(wanted.slice(start, start + 1000));
		for (const item of items) newest = Math.max(newest, item.published);
		added += store.applyEntries(account, items.map(item => remoteEntry(item)), titles, options.retention ? {retention: options.retention} : {});
		options.onProgress?.({phase: 'entries', done: Math.min(wanted.length, start + 1000), total: wanted.length});
	}

	const [unread, starred] = await Promise.all([
		client.allItemIds({stream: readingList, exclude: readTag, count: 10_000}),
		client.allItemIds({stream: starredTag, count: 10_000}),
	]);
	const changed = store.applyStates(account, new Set(unread), new Set(starred), {newestTime: newest});
	return {sent, added, changed: wanted.length + changed, feeds: subscriptions.length, fullTexts: 0};
}

function remoteEntry(item: GReaderItem): RemoteEntry {
	return {
		remoteId: item.id,
		feedRemoteId: item.streamId,
		key: item.url === '' ? `greader:${item.id}` : item.url,
		title: item.title,
		...(item.url === '' ? {} : {url: item.url}),
		...(item.published > 0 ? {date: new Date(item.published * 1000).toISOString()} : {}),
		content: item.content,
		...(item.author ? {author: item.author} : {}),
		read: item.read,
		starred: item.starred,
	};
}
