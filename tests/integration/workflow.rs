//! Everyday conventions: `ready init`, shell completions and the man page.

use crate::support::{run, run_in, write};

#[test]
fn init_writes_a_project_that_checks_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run_in(dir.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    for file in [
        "ready.yaml",
        "checklists/service-launch.md",
        "probes/service-launch.yaml",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} written");
        assert!(stdout.contains(&format!("wrote {file}")), "{stdout}");
    }
    // It runs: probes load and bind, the checklist parses; nothing is ticked yet, so NO-GO.
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--timeout", "300ms"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.starts_with("NO-GO"), "{stdout}");
    assert!(
        stdout.contains("probes"),
        "the template's probes ran: {stdout}"
    );
    let (code, _, stderr) = run_in(dir.path(), &["signoff"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "ready.yaml", "# mine\n");
    let (code, _, stderr) = run_in(dir.path(), &["init", "--template", "service-launch-yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("ready.yaml already exists"), "{stderr}");
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ready.yaml")).expect("read"),
        "# mine\n"
    );
    assert!(
        !dir.path().join("checklists").exists(),
        "nothing else written either"
    );
}

#[test]
fn init_yaml_template_into_a_new_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["init", "--template", "service-launch-yaml", "--dir", "svc"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("cd svc && ready check"), "{stdout}");
    let (code, stdout, stderr) = run_in(&dir.path().join("svc"), &["check", "--no-probes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("service-launch.yaml"), "{stdout}");
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker, flag) in [
        ("bash", "_ready()", "--report"),
        ("zsh", "#compdef ready", "--report"),
        ("fish", "complete -c ready", "-l report"),
        ("powershell", "Register-ArgumentCompleter", "--report"),
    ] {
        let (code, stdout, stderr) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.contains(marker), "{shell}");
        assert!(stdout.contains(flag), "{shell} completes check's flags");
    }
    let (code, _, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

/// The bash script is valid bash: source it and ask it to complete `ready ch`.
#[test]
fn bash_completion_completes() {
    let (_, script, _) = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "ready.bash", script);
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && COMP_WORDS=(ready ch) COMP_CWORD=1 && _ready ready ch ready && echo \"${{COMPREPLY[@]}}\"",
            path.display()
        ))
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("check"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn man_page() {
    let (code, stdout, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(".TH ready 1"), "{stdout}");
    assert!(stdout.contains("completions"));
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = run_in(dir.path(), &["man", "--dir", "man1"]);
    assert_eq!(code, 0, "{stderr}");
    let check = std::fs::read_to_string(dir.path().join("man1/ready-check.1")).expect("page");
    assert!(check.contains(".TH ready-check 1"), "{check}");
    assert!(check.contains("strict"), "{check}");
    assert!(dir.path().join("man1/ready-signoff.1").is_file());
}
