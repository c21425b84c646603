//! URLs as keys and hosts, the same for every importer that meets web pages.

/// The URL as given, trimmed, without its `#fragment`.
pub(crate) fn strip_fragment(url: &str) -> String {
    url.trim().split('#').next().unwrap_or("").to_string()
}

/// The part of a URL that names a page, for keys: no scheme, no fragment, no trailing `/`,
/// host lowercased, default port dropped (`https://Example.org/a/?p=1#x` -> `example.org/a?p=1`).
/// A relative URL keeps its path.
pub(crate) fn url_key(url: &str) -> String {
    let url = strip_fragment(url);
    match url::Url::parse(&url) {
        Ok(parsed) if parsed.host_str().is_some() => {
            let mut key = parsed.host_str().unwrap_or_default().to_string();
            if let Some(port) = parsed.port() {
                key.push_str(&format!(":{port}"));
            }
            key.push_str(parsed.path().trim_end_matches('/'));
            if let Some(query) = parsed.query() {
                key.push('?');
                key.push_str(query);
            }
            key
        }
        _ => {
            let (path, query) = match url.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (url.as_str(), None),
            };
            let path = path.trim_end_matches('/');
            match query {
                Some(q) => format!("{path}?{q}"),
                None if path.is_empty() => "/".into(),
                None => path.to_string(),
            }
        }
    }
}

/// An absolute `http://` or `https://` URL (as written: no trimming).
pub(crate) fn is_web(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// The lowercased host of an absolute URL.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    parsed.host_str().map(str::to_lowercase).filter(|h| !h.is_empty())
}
