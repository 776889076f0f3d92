//! What the commands write, and what they never overwrite: the umask, a
//! read-only target, an output that is an input, temporary files a kill
//! left, a site that holds files of the user, two builds at once, and a
//! build stopped by a signal. Run as a user would, in temporary folders.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ok, refnum, refnum_in, root, stderr};

fn profile_copy(dir: &Path) -> PathBuf {
    let path = dir.join("p.yaml");
    std::fs::copy(root().join("profiles/conseiller-referent-entreprise.yaml"), &path).unwrap();
    path
}

fn build(out: &Path, paths: &[&str]) -> Output {
    let mut args = vec!["build"];
    args.extend_from_slice(paths);
    args.extend(["--out", out.to_str().unwrap()]);
    refnum(&args)
}

/// The hidden entries beside `out` that a build uses while it runs.
fn work_entries(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.refnum-")))
        .collect();
    found.sort();
    found
}

#[cfg(unix)]
#[test]
fn a_new_file_honours_the_umask_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("refnum");
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    for (umask, name, expected) in [("022", "a.html", 0o644), ("027", "b.html", 0o640), ("077", "c.html", 0o600)] {
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" fiche conseiller -o {name}"))
            .arg(&bin)
            .current_dir(dir.path())
            .output()
            .unwrap();
        ok(&o);
        assert_eq!(mode(name), expected, "umask {umask}");
    }
    std::fs::set_permissions(dir.path().join("a.html"), std::fs::Permissions::from_mode(0o664)).unwrap();
    ok(&refnum_in(dir.path(), &["fiche", "conseiller", "-o", "a.html"]));
    assert_eq!(mode("a.html"), 0o664, "the mode of the file replaced is kept");
}

#[cfg(unix)]
#[test]
fn a_read_only_target_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("fiche.html");
    std::fs::write(&target, "protégée").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = refnum_in(dir.path(), &["fiche", "conseiller", "-o", "fiche.html"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("fiche.html est en lecture seule"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "protégée");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let profile = profile_copy(dir.path());
    let original = std::fs::read(&profile).unwrap();
    let cases: [&[&str]; 4] = [
        &["render", "p.yaml", "-o", "p.yaml"],
        &["fiche", "p.yaml", "-o", "./p.yaml"],
        &["export", "p.yaml", "--format", "csv", "-o", "p.yaml"],
        &["fiche", "p.yaml", "--format", "jsonld", "-o", "p.yaml"],
    ];
    for args in cases {
        let o = refnum_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("est aussi un fichier lu par la commande"), "{args:?}: {}", stderr(&o));
        assert_eq!(std::fs::read(&profile).unwrap(), original, "{args:?}");
    }
    // A post written over itself.
    let poste = dir.path().join("poste.yaml");
    std::fs::copy(root().join("examples/poste-conseiller-cci.yaml"), &poste).unwrap();
    let before = std::fs::read(&poste).unwrap();
    for format in ["html", "docx", "jsonld"] {
        let o = refnum_in(dir.path(), &["fiche", "poste.yaml", "--format", format, "-o", "poste.yaml"]);
        assert_eq!(o.status.code(), Some(2), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("poste.yaml est aussi un fichier lu"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&poste).unwrap(), before);
    // The base of an adaptation is an input too.
    std::fs::copy(root().join("profiles/coordinateur-referent-entreprise.yaml"), dir.path().join("base.yaml")).unwrap();
    let adaptation = std::fs::read_to_string(root().join("examples/adaptations/cc-vermeil-coordinateur.yaml")).unwrap();
    let adaptation = adaptation.replacen("profil: coordinateur-referent-entreprise\n", "profil: base.yaml\n", 1);
    std::fs::write(dir.path().join("adapt.yaml"), adaptation).unwrap();
    ok(&refnum_in(dir.path(), &["render", "adapt.yaml", "-o", "adapt.html"]));
    let base = std::fs::read(dir.path().join("base.yaml")).unwrap();
    let o = refnum_in(dir.path(), &["render", "adapt.yaml", "-o", "base.yaml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("base.yaml est aussi un fichier lu"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.path().join("base.yaml")).unwrap(), base);
    // A spreadsheet imported onto itself.
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "type;intitule\nsavoir;Un savoir\n").unwrap();
    let o = refnum_in(dir.path(), &["import", "t.csv", "--id", "copie", "-o", "t.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("est aussi un fichier lu"), "{}", stderr(&o));
}

/// A post is read with its profile and that profile's bases: `fiche`,
/// `entretien` and `grille` of a post refuse to write over any of them
/// (they once noted only the post itself), before any work and in every
/// format, and leave the file as it was; so does `positionnement` for the
/// profile its grids name.
#[test]
fn the_documents_of_a_post_never_overwrite_its_profile_or_a_base() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("profiles/conseiller-referent-entreprise.yaml"), dir.path().join("base.yaml")).unwrap();
    let adaptation =
        std::fs::read_to_string(root().join("examples/adaptations/cci-montverac-conseiller.yaml")).unwrap();
    let adaptation = adaptation.replacen("profil: conseiller-referent-entreprise\n", "profil: base.yaml\n", 1);
    assert!(adaptation.contains("profil: base.yaml\n"));
    std::fs::write(dir.path().join("adapt.yaml"), adaptation).unwrap();
    let poste =
        std::fs::read_to_string(root().join("examples/adaptations/poste-cci-montverac-conseiller.yaml")).unwrap();
    let poste = poste.replacen("profil: conseiller-referent-entreprise-cci-montverac\n", "profil: adapt.yaml\n", 1);
    assert!(poste.contains("profil: adapt.yaml\n"));
    std::fs::write(dir.path().join("poste.yaml"), poste).unwrap();
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let before: Vec<Vec<u8>> = ["base.yaml", "adapt.yaml", "poste.yaml"].iter().map(|n| read(n)).collect();
    // The documents are made when -o names another file.
    ok(&refnum_in(dir.path(), &["fiche", "poste.yaml", "-o", "fiche.html"]));
    let cases: [&[&str]; 7] = [
        &["fiche", "poste.yaml"],
        &["fiche", "poste.yaml", "--format", "docx"],
        &["fiche", "poste.yaml", "--format", "jsonld"],
        &["entretien", "poste.yaml"],
        &["entretien", "poste.yaml", "--format", "docx"],
        &["grille", "poste.yaml"],
        &["grille", "poste.yaml", "--format", "html"],
    ];
    for args in cases {
        for target in ["adapt.yaml", "base.yaml", "poste.yaml"] {
            let mut args = args.to_vec();
            args.extend(["-o", target]);
            let o = refnum_in(dir.path(), &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains(&format!("{target} est aussi un fichier lu")), "{args:?}: {}", stderr(&o));
        }
    }
    // The profile a positioning names is read too.
    let camille = "type: positionnement\nprofil: conseiller-referent-entreprise\nversion: 1.2.0\npersonne: Camille Martin\nobservations:\n  - competence: S-01\n    niveau: 2\n";
    std::fs::write(dir.path().join("camille.yaml"), camille).unwrap();
    ok(&refnum_in(dir.path(), &["positionnement", "camille.yaml", "--profiles", ".", "-o", "ecarts.md"]));
    let o = refnum_in(dir.path(), &["positionnement", "camille.yaml", "--profiles", ".", "-o", "base.yaml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("base.yaml est aussi un fichier lu"), "{}", stderr(&o));
    let after: Vec<Vec<u8>> = ["base.yaml", "adapt.yaml", "poste.yaml"].iter().map(|n| read(n)).collect();
    assert!(before == after, "an input was changed");
}

#[cfg(unix)]
#[test]
fn an_output_reaching_an_input_through_a_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let profile = profile_copy(dir.path());
    let original = std::fs::read(&profile).unwrap();
    std::os::unix::fs::symlink("p.yaml", dir.path().join("lien.html")).unwrap();
    let o = refnum_in(dir.path(), &["render", "p.yaml", "-o", "lien.html"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&profile).unwrap(), original);
}

#[test]
fn temporary_files_a_killed_write_left_are_removed_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".fiche.html.Ab3xY9.tmp");
    let other_target = dir.path().join(".autre.html.Ab3xY9.tmp");
    let not_ours = dir.path().join(".fiche.html.notes.tmp");
    let in_use = dir.path().join(".fiche.html.Zz9zZ9.tmp");
    for path in [&stale, &other_target, &not_ours, &in_use] {
        std::fs::write(path, "à moitié").unwrap();
    }
    // Another process is writing this one: it holds the lock.
    let held = std::fs::File::open(&in_use).unwrap();
    held.lock().unwrap();
    ok(&refnum_in(dir.path(), &["fiche", "conseiller", "-o", "fiche.html"]));
    assert!(!stale.exists(), "left by a kill: removed");
    assert!(other_target.exists(), "another target's: kept");
    assert!(not_ours.exists(), "not a name refnum makes: kept");
    assert!(in_use.exists(), "still being written: kept");
    drop(held);
}

#[test]
fn a_site_holding_a_file_of_the_user_in_a_subfolder_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    let marker = std::fs::read_to_string(out.join(".refnum-site")).unwrap();
    assert!(marker.contains("\nprofils/conseiller-referent-entreprise.html\n"), "{marker}");
    assert!(marker.contains("\nindex.html\n"), "{marker}");
    for foreign in ["profils/notes.txt", "postes/a/b.html", "ecarts/z.html"] {
        let path = out.join(foreign);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "à moi").unwrap();
        let o = build(&out, &["profiles"]);
        assert_eq!(o.status.code(), Some(2), "{foreign}: {}", stderr(&o));
        let first = foreign.split('/').take(2).collect::<Vec<_>>().join("/");
        assert!(
            stderr(&o).contains(&format!("{}, que refnum n'a pas écrit", out.join(&first).display())),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "à moi");
        std::fs::remove_file(&path).unwrap();
        if foreign.starts_with("postes/a") {
            std::fs::remove_dir(out.join("postes/a")).unwrap();
        }
    }
    // A page the user replaced by a link is not the page the site wrote.
    #[cfg(unix)]
    {
        std::fs::remove_file(out.join("style.css")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", out.join("style.css")).unwrap();
        let o = build(&out, &["profiles"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("style.css, que refnum n'a pas écrit"), "{}", stderr(&o));
        std::fs::remove_file(out.join("style.css")).unwrap();
    }
    ok(&build(&out, &["profiles"]));
    assert!(out.join("style.css").is_file());
}

#[test]
fn a_site_of_an_older_version_without_inventory_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir_all(out.join("profils")).unwrap();
    std::fs::write(out.join(".refnum-site"), "Site produit par refnum build.\n").unwrap();
    std::fs::write(out.join("index.html"), "ancien").unwrap();
    let o = build(&out, &["profiles"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("n'en tenait pas l'inventaire"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "ancien");
}

#[test]
fn templates_inside_the_site_folder_are_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    let templates = out.join("gabarits");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("site-index.html"), "{% extends \"site-base.html\" %}").unwrap();
    let o = refnum(&["build", "profiles", "--out", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(templates.join("site-index.html").exists());
    // Nor in a destination that holds only them.
    let empty = dir.path().join("vide");
    std::fs::create_dir_all(empty.join("gabarits")).unwrap();
    let o = refnum(&[
        "build",
        "profiles",
        "--out",
        empty.to_str().unwrap(),
        "--templates",
        empty.join("gabarits").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(empty.join("gabarits").is_dir());
}

#[test]
fn a_second_build_into_the_same_folder_is_told_another_one_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    let index = std::fs::read(out.join("index.html")).unwrap();
    // The first build holds the lock beside the destination.
    let lock_path = dir.path().join(".site.refnum-verrou");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let o = build(&out, &["profiles"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("une autre construction écrit déjà le site"), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), index, "the site in place is untouched");
    drop(lock);
    std::fs::remove_file(&lock_path).unwrap();
    ok(&build(&out, &["profiles"]));
    assert!(work_entries(&out).is_empty(), "no lock file nor work folder left: {:?}", work_entries(&out));
}

/// A build reading a named pipe waits for it with its work folder and its
/// lock in place; stopped there by a signal, it removes both and dies of
/// that signal, and the previous site stays.
#[cfg(target_os = "linux")]
#[test]
fn a_build_stopped_by_a_signal_removes_its_work_folder_and_lock() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    let index = std::fs::read(out.join("index.html")).unwrap();
    let fifo = dir.path().join("tube.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // A signal this test runs with ignored (`nohup`, a background job) is
    // ignored by the build too, on purpose: not tried.
    let ignored = ignored_signals();
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)].into_iter().filter(|(_, n)| !ignored.contains(n)) {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("refnum"))
            .args(["build", fifo.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The work folder and the lock appear before the inputs are read.
        let mut waited = 0;
        while work_entries(&out).len() < 2 {
            assert!(child.try_wait().unwrap().is_none(), "the build ended before reading the pipe");
            std::thread::sleep(std::time::Duration::from_millis(20));
            waited += 1;
            assert!(waited < 3000, "the build never started: {:?}", work_entries(&out));
        }
        let sent =
            std::process::Command::new("kill").args([format!("-{signal}"), child.id().to_string()]).status().unwrap();
        assert!(sent.success());
        let status = wait_or_kill(&mut child);
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");
        assert!(work_entries(&out).is_empty(), "{signal}: {:?}", work_entries(&out));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), index);
    }
}

/// The signals this process ignores (bit `n - 1` of `SigIgn`).
#[cfg(target_os = "linux")]
fn ignored_signals() -> Vec<i32> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find_map(|l| l.strip_prefix("SigIgn:")).unwrap();
    let mask = u64::from_str_radix(line.trim(), 16).unwrap();
    (1..=64).filter(|n| mask & (1 << (n - 1)) != 0).collect()
}

/// Waits for the child; one still alive after a minute is killed, and the test fails.
#[cfg(target_os = "linux")]
fn wait_or_kill(child: &mut std::process::Child) -> std::process::ExitStatus {
    for _ in 0..3000 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the build did not stop on the signal");
}
