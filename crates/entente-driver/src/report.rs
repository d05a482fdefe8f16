//! Error messages on stderr: configuration problems quote the file with miette.

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::config::{ConfigProblem, ConfigSource, line_col};

#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("error: {location}: {message}")]
struct ConfigDiagnostic {
    location: String,
    message: String,
    #[source_code]
    source_code: NamedSource<String>,
    #[label("here")]
    span: Option<SourceSpan>,
}

/// Prints every problem of a configuration, each as `error: FILE:LINE:COL: KEY: MESSAGE` with
/// the offending line quoted.
pub fn config_problems(source: &ConfigSource, problems: &[ConfigProblem]) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        // Long lines stay whole, so the location and key can be searched for.
        let _ = miette::set_hook(Box::new(|_| Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())));
    });
    for problem in problems {
        let location = match &problem.span {
            Some(span) => {
                let (line, col) = line_col(&source.text, span.start);
                format!("{}:{line}:{col}", source.name)
            }
            None => source.name.clone(),
        };
        let diagnostic = ConfigDiagnostic {
            location,
            message: problem.message.clone(),
            source_code: NamedSource::new(&source.name, source.text.clone()),
            span: problem.span.clone().map(|s| SourceSpan::from(s.start..s.end.max(s.start))),
        };
        eprintln!("{:?}", miette::Report::new(diagnostic));
    }
}

/// Prints a one-line error.
pub fn error(message: &str) {
    eprintln!("error: {message}");
}
