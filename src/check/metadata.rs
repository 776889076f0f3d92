//! Versions and dates.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Adaptation, Poste, Profil, Text};

/// `MAJEUR.MINEUR.CORRECTIF`, each a number without leading zero, optionally
/// followed by `-prerelease` and `+build` (as in semver 2.0).
pub fn is_semver(v: &str) -> bool {
    let (v, build) = match v.split_once('+') {
        Some((v, build)) => (v, Some(build)),
        None => (v, None),
    };
    let (core, pre) = match v.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (v, None),
    };
    let numeric =
        |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n.len() == 1 || !n.starts_with('0'));
    let identifiers =
        |s: &str| s.split('.').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|n| numeric(n))
        && pre.is_none_or(identifiers)
        && build.is_none_or(identifiers)
}

/// A real calendar date written `AAAA-MM-JJ`.
pub fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&y) && (1..=days).contains(&day)
}

/// A year, a month or a day: `2024`, `2024-05`, `2024-05-01`.
pub fn is_partial_date(d: &str) -> bool {
    match d.len() {
        4 => d.parse::<u32>().is_ok_and(|y| (1900..=2999).contains(&y)),
        7 => is_date(&format!("{d}-01")),
        _ => is_date(d),
    }
}

fn version(v: &Text, out: &mut Vec<Diagnostic>) {
    if !is_semver(v) {
        out.push(
            Diagnostic::new(Code::InvalidVersion, v.span, format!("la version `{}` n'est pas au format MAJEUR.MINEUR.CORRECTIF", v.value))
                .with_help("écrivez par exemple `1.0.0` : le premier nombre change quand le profil change de fond, le dernier pour une correction"),
        );
    }
}

fn date(d: &Text, what: &str, out: &mut Vec<Diagnostic>) {
    if !is_date(d) {
        out.push(
            Diagnostic::new(
                Code::InvalidDate,
                d.span,
                format!("{what} `{}` n'est pas une date valide au format AAAA-MM-JJ", d.value),
            )
            .with_help("écrivez par exemple `2026-11-28` (année, mois, jour)"),
        );
    }
}

pub fn profil(p: &Profil, out: &mut Vec<Diagnostic>) {
    version(&p.version, out);
    date(&p.mise_a_jour, "la date de mise à jour", out);
    for source in &p.sources {
        if let Some(d) = source.date.as_ref().filter(|d| !is_partial_date(d)) {
            out.push(
                Diagnostic::new(
                    Code::InvalidDate,
                    d.span,
                    format!("la date de la source `{}` n'est pas au format AAAA, AAAA-MM ou AAAA-MM-JJ", d.value),
                )
                .with_help("écrivez par exemple `2024-05` pour mai 2024, ou la date complète si elle est connue"),
            );
        }
    }
}

pub fn adaptation(a: &Adaptation, out: &mut Vec<Diagnostic>) {
    version(&a.version, out);
    date(&a.mise_a_jour, "la date de mise à jour", out);
}

/// An absolute web address: `https://` or `http://`, then a host name with a
/// dot (or `localhost`), and no space.
pub fn is_web_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host =
        host.rsplit_once(':').map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    let labels_ok = host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    labels_ok && (host.contains('.') || host == "localhost") && !url.contains(char::is_whitespace)
}

fn web_address(url: &Text, what: &str, out: &mut Vec<Diagnostic>) {
    let value = url.value.trim();
    if is_web_url(value) {
        return;
    }
    let help = if is_web_url(&format!("https://{value}")) {
        format!("ajoutez https:// devant l'adresse : `https://{value}`")
    } else {
        "écrivez l'adresse complète, par exemple `https://www.exemple.fr`".to_owned()
    };
    out.push(
        Diagnostic::new(
            Code::InvalidUrl,
            url.span,
            format!("{what} `{value}` n'est pas une adresse web complète (https://…)"),
        )
        .with_help(help),
    );
}

pub fn poste(p: &Poste, out: &mut Vec<Diagnostic>) {
    if let Some(site) = &p.structure.site_web {
        web_address(site, "le site web de la structure", out);
    }
    date(&p.mise_a_jour, "la date de mise à jour", out);
    if let Some(d) = &p.prise_de_poste {
        date(d, "la date de prise de poste", out);
    }
    if let Some(d) = p.candidature.as_ref().and_then(|c| c.date_limite.as_ref()) {
        date(d, "la date limite de candidature", out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        assert!(is_semver("1.0.0"));
        assert!(is_semver("2.10.3-rc.1"));
        assert!(!is_semver("1.0"));
        assert!(!is_semver("01.0.0"));
        assert!(!is_semver("1.0.0-"));
        assert!(is_semver("1.0.0-rc-1"));
        assert!(is_semver("1.0.0+cci.12"));
        assert!(!is_semver("1.0.0+"));
    }

    #[test]
    fn web_addresses() {
        assert!(is_web_url("https://www.aveyron.cci.fr"));
        assert!(is_web_url("http://exemple.fr/recrutement?poste=1"));
        assert!(is_web_url("https://exemple.fr:8443/"));
        assert!(!is_web_url("www.aveyron.cci.fr"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://exemple"));
        assert!(!is_web_url("https://exemple .fr"));
        assert!(!is_web_url("ftp://exemple.fr"));
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("24-01-01"));
        assert!(!is_date("2024-1-01"));
        assert!(is_partial_date("2024-05") && is_partial_date("2024") && !is_partial_date("2024-13"));
    }
}
