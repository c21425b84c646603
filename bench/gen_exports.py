#!/usr/bin/env python3
"""Deterministic synthetic platform exports for the importer throughput benchmark.

usage: bench/gen_exports.py FORMAT MEGABYTES OUTDIR

FORMAT is one of: twitter-archive, mastodon-archive, twitter-api-v2, hackernews, disqus,
reddit, csv. Writes an export of about MEGABYTES MiB into OUTDIR (a folder, or a single file
inside it) and prints the path to import. The texts are invented word salad, the shapes
follow each platform's documented export format: what matters for throughput is the number
and size of records and the nesting, not what they say. Replies point at earlier records, so
threads form.
"""

import json
import os
import random
import sys

WORDS = (
    "museum ausstellung sammlung besucher vermittlung gespräch archiv objekt stadt geschichte "
    "erinnerung führung depot kuratorin wissen frage antwort danke idee quelle blog beitrag "
    "collection visitor exhibition curator object memory question answer thanks idea source "
    "community conversation relationship learning heritage theatre stage audience programme"
).split()


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def twitter_archive(out, target, rng):
    data = os.path.join(out, "data")
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "manifest.js"), "w") as f:
        f.write('window.__THAR_CONFIG = {"userInfo": {"accountId": "1000", "userName": "museum", '
                '"displayName": "Stadtmuseum"}, "archiveInfo": {"generationDate": "2026-11-01T10:00:00.000Z"}}\n')
    with open(os.path.join(data, "follower.js"), "w") as f:
        f.write("window.YTD.follower.part0 = [")
        f.write(",".join('{"follower": {"accountId": "%d"}}' % i for i in range(2000)))
        f.write("]\n")
    path = os.path.join(data, "tweets.js")
    with open(path, "w") as f:
        f.write("window.YTD.tweets.part0 = [\n")
        i = 0
        while f.tell() < target:
            tid = 10**17 + i
            tweet = {
                "retweeted": False,
                "entities": {"hashtags": [], "symbols": [], "user_mentions": [],
                             "urls": [{"expanded_url": "https://museum.example/blog/%d" % (i % 500)}] if i % 7 == 0 else []},
                "favorite_count": str(rng.randint(0, 40)),
                "id_str": str(tid),
                "id": str(tid),
                "retweet_count": str(rng.randint(0, 9)),
                "created_at": "Sat May 13 17:%02d:%02d +0000 2023" % (i // 60 % 60, i % 60),
                "full_text": text(rng, rng.randint(8, 40)),
                "lang": "de",
            }
            if i > 10 and rng.random() < 0.4:
                parent = 10**17 + rng.randint(max(0, i - 200), i - 1)
                tweet["in_reply_to_status_id_str"] = str(parent)
                tweet["in_reply_to_user_id_str"] = "1000"
                tweet["in_reply_to_screen_name"] = "museum"
            f.write(("," if i else "") + json.dumps({"tweet": tweet}, ensure_ascii=False, indent=2) + "\n")
            i += 1
        f.write("]\n")
    return out, i


def mastodon_archive(out, target, rng):
    os.makedirs(out, exist_ok=True)
    actor = "https://museum.social/users/museum"
    with open(os.path.join(out, "actor.json"), "w") as f:
        json.dump({"@context": ["https://www.w3.org/ns/activitystreams"], "id": actor, "type": "Person",
                   "preferredUsername": "museum", "name": "Stadtmuseum", "url": "https://museum.social/@museum"}, f)
    with open(os.path.join(out, "likes.json"), "w") as f:
        json.dump({"@context": "https://www.w3.org/ns/activitystreams", "id": "likes.json", "type": "OrderedCollection",
                   "orderedItems": ["https://other.social/users/x/statuses/%d" % i for i in range(1000)]}, f)
    path = os.path.join(out, "outbox.json")
    with open(path, "w") as f:
        f.write('{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", '
                '"type": "OrderedCollection", "orderedItems": [\n')
        i = 0
        public = "https://www.w3.org/ns/activitystreams#Public"
        while f.tell() < target:
            sid = "%s/statuses/%d" % (actor, 10**17 + i)
            note = {
                "id": sid, "type": "Note", "summary": None,
                "inReplyTo": ("%s/statuses/%d" % (actor, 10**17 + rng.randint(max(0, i - 100), i - 1))) if i > 5 and rng.random() < 0.3 else None,
                "published": "2026-03-%02dT10:%02d:%02dZ" % (1 + i % 28, i // 60 % 60, i % 60),
                "url": "https://museum.social/@museum/%d" % (10**17 + i),
                "attributedTo": actor,
                "to": [public] if i % 10 else [actor + "/followers"],
                "cc": [actor + "/followers"] if i % 10 else [],
                "sensitive": False,
                "conversation": "tag:museum.social,2026-03-01:objectId=%d:objectType=Conversation" % (i // 5),
                "content": "<p>%s</p>" % text(rng, rng.randint(8, 40)),
                "attachment": [], "tag": [],
            }
            activity = {"id": sid + "/activity", "type": "Create", "actor": actor,
                        "published": note["published"], "to": note["to"], "cc": note["cc"], "object": note}
            f.write(("," if i else "") + json.dumps(activity, ensure_ascii=False) + "\n")
            i += 1
        f.write('], "totalItems": %d}\n' % i)
    return out, i


def twitter_api_v2(out, target, rng):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "tweets.jsonl")
    i = 0
    with open(path, "w") as f:
        while f.tell() < target:
            data = []
            for _ in range(100):
                conv = 10**17 + (i // 20) * 20
                tid = 10**17 + i
                t = {"id": str(tid), "text": text(rng, rng.randint(8, 40)), "author_id": str(rng.randint(1, 5000)),
                     "conversation_id": str(conv), "created_at": "2023-05-13T17:%02d:%02d.000Z" % (i // 60 % 60, i % 60),
                     "public_metrics": {"retweet_count": 1, "reply_count": 0, "like_count": 3, "quote_count": 0}}
                if tid != conv:
                    t["referenced_tweets"] = [{"type": "replied_to", "id": str(rng.randint(conv, tid - 1))}]
                data.append(t)
                i += 1
            users = [{"id": str(u), "username": "user%d" % u, "name": "User %d" % u} for u in range(1, 40)]
            f.write(json.dumps({"data": data, "includes": {"users": users}, "meta": {"result_count": 100}}) + "\n")
    return path, i


def hackernews(out, target, rng):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "items.jsonl")
    i = 0
    with open(path, "w") as f:
        while f.tell() < target:
            iid = 1_000_000 + i
            if i % 50 == 0:
                item = {"id": iid, "type": "story", "by": "user%d" % rng.randint(1, 3000), "time": 1_700_000_000 + i,
                        "title": text(rng, 6), "url": "https://museum.example/%d" % i, "score": rng.randint(1, 300), "descendants": 49}
                story = iid
            else:
                item = {"id": iid, "type": "comment", "by": "user%d" % rng.randint(1, 3000), "time": 1_700_000_000 + i,
                        "parent": rng.choice([story, rng.randint(story, iid - 1)]), "text": "<p>%s</p>" % text(rng, rng.randint(8, 60))}
            f.write(json.dumps(item) + "\n")
            i += 1
    return path, i


def disqus(out, target, rng):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "disqus.xml")
    i = 0
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
                'xmlns:dsq="http://disqus.com/disqus-internals">\n')
        for t in range(2000):
            f.write('<thread dsq:id="%d"><id/><forum>museum</forum><link>https://museum.example/post/%d/</link>'
                    '<title>%s</title><createdAt>2020-01-01T10:00:00Z</createdAt></thread>\n' % (t, t, text(rng, 5)))
        while f.tell() < target:
            thread = rng.randint(0, 1999)
            parent = '<parent dsq:id="%d"/>' % rng.randint(0, i - 1) if i > 10 and rng.random() < 0.3 else ""
            f.write('<post dsq:id="%d"><id/><message><![CDATA[<p>%s</p>]]></message>'
                    '<createdAt>2020-02-01T10:%02d:%02dZ</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>'
                    '<author><name>Guest %d</name><isAnonymous>false</isAnonymous><username>guest%d</username></author>'
                    '<thread dsq:id="%d"/>%s</post>\n' % (i, text(rng, rng.randint(8, 60)), i // 60 % 60, i % 60,
                                                       i % 3000, i % 3000, thread, parent))
            i += 1
        f.write("</disqus>\n")
    return path, i


def reddit(out, target, rng):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "thread.json")
    # one big thread: a submission and flat-ish comment forest, nested two levels
    n = 0
    comments = []
    size = 0
    while size < target:
        children = []
        for _ in range(rng.randint(0, 3)):
            n += 1
            children.append({"kind": "t1", "data": {"name": "t1_c%d" % n, "id": "c%d" % n, "parent_id": "t1_c%d" % (n - 1),
                             "link_id": "t3_root", "author": "user%d" % rng.randint(1, 2000), "created_utc": 1_700_000_000.0 + n,
                             "body": text(rng, rng.randint(8, 50)), "score": 1, "replies": ""}})
        n += 1
        body = text(rng, rng.randint(8, 50))
        comments.append({"kind": "t1", "data": {"name": "t1_c%d" % n, "id": "c%d" % n, "parent_id": "t3_root", "link_id": "t3_root",
                         "author": "user%d" % rng.randint(1, 2000), "created_utc": 1_700_000_000.0 + n, "body": body, "score": 2,
                         "replies": {"kind": "Listing", "data": {"children": children}} if children else ""}})
        size += 400 + len(body) + sum(300 + len(c["data"]["body"]) for c in children)
    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_root", "id": "root", "author": "museum",
            "title": "AMA", "selftext": "ask us", "created_utc": 1_700_000_000.0, "num_comments": n, "score": 10,
            "permalink": "/r/museum/comments/root/ama/", "subreddit": "museum"}}]}}
    with open(path, "w") as f:
        json.dump([post, {"kind": "Listing", "data": {"children": comments}}], f)
    return path, n + 1


def csv_export(out, target, rng):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "items.csv")
    i = 0
    with open(path, "w") as f:
        f.write("id,parent,conversation,author,time,text,url,platform\n")
        while f.tell() < target:
            root = (i // 20) * 20
            parent = "" if i == root else str(rng.randint(root, i - 1))
            f.write('%d,%s,%d,user%d,2026-03-01T10:%02d:%02dZ,"%s",,forum\n'
                    % (i, parent, root, rng.randint(1, 3000), i // 60 % 60, i % 60, text(rng, rng.randint(8, 50))))
            i += 1
    return path, i


FORMATS = {
    "twitter-archive": twitter_archive,
    "mastodon-archive": mastodon_archive,
    "twitter-api-v2": twitter_api_v2,
    "hackernews": hackernews,
    "disqus": disqus,
    "reddit": reddit,
    "csv": csv_export,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in FORMATS:
        sys.exit("usage: gen_exports.py {%s} MEGABYTES OUTDIR" % "|".join(FORMATS))
    fmt, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261127)
    path, records = FORMATS[fmt](out, int(mb * 1024 * 1024), rng)
    print(path, records)


if __name__ == "__main__":
    main()
