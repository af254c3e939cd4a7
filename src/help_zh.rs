//! The command line's help in Chinese: the same definitions as the English
//! `--help` (the `///` lines in `cli.rs`), with every text put into Chinese
//! when the user's language is Chinese.

use clap::{Arg, ArgAction, Command};

const USAGE_TEMPLATE: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

const AFTER_HELP: &str = "\
退出码：
  0    已得出诊断（或命令成功）
  1    运行时错误（文件读不了、输出写不了），或有规则用例失败
  2    用法错误或答案无效（未知的问题 ID 或取值）
  3    还需要更多答案，但没有终端可以提问
  4    规则文件无效
  5    现在还不能办（还没投诉，或运营商的答复期还没到就写申诉书）
  130  在提问时被中断（会打印可以接着回答的 --answers 命令）

环境变量：
  UNSUB_DOCTOR_RULES   在 --rules 之前加载的规则目录，像 PATH 一样分隔
  NO_COLOR             --color auto 时不着色
  COLUMNS              文字折行的宽度，输出到管道时也有效（不设时用终端的宽度）
  LC_ALL、LC_MESSAGES、LANG   语言为英文时用英文
  UNSUB_DOCTOR_COMPLETE   补全脚本在按 Tab 时设置，不要手动设置

示例：
  unsub-doctor                                  在终端里逐题提问
  unsub-doctor --carrier mobile --lang en       先指定运营商，用英文
  unsub-doctor --json --answers carrier=unicom,symptom=code_failed,code_source=website
  unsub-doctor questions                        列出每个问题的 ID 和取值
  unsub-doctor rules check --rules 我的规则包    检查一个规则包";

/// The about text of each command, by its path of names.
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "流量包退订不了？回答几个问题，找出原因（中国移动、中国联通、中国电信），以及官方渠道、下一步、要保留的证据和怎么逐级投诉。",
    ),
    (
        "questions",
        "列出每个问题的 ID 和可选值，供 --answers 使用。",
    ),
    (
        "draft",
        "根据诊断写一封给运营商的投诉信，或给电信用户申诉受理机构的申诉书；个人信息留空并标出。",
    ),
    (
        "followup",
        "记录上一步是否有效；没有效就进入逐级投诉的下一级，并给出日期（需要 --resume FILE）。",
    ),
    (
        "batch",
        "批量诊断：每行一个由回答组成的 JSON 对象（来自 FILE 或标准输入），每行输出一个结果，顺序相同。",
    ),
    (
        "why-not",
        "为什么这些回答没有找到某个原因，以及最少改哪些回答才能找到它。",
    ),
    (
        "completions",
        "输出 shell 补全脚本（也能补全 --answers 的问题 ID 和取值）。",
    ),
    ("man", "输出 man 手册页（roff 格式）。"),
    ("schema", "输出每种 JSON 输出的 JSON Schema。"),
    ("rules", "规则作者的工具：check、paths、test、graph、list。"),
    ("rules check", "报告已加载规则的所有问题，带文件、行和列。"),
    (
        "rules paths",
        "列出从开始到诊断的每条路径，按运营商和原因计数，并列出没有用例覆盖的结论。",
    ),
    ("rules test", "运行已加载规则中的 [[case]] 用例。"),
    ("rules graph", "把决策树画成 Mermaid 或 Graphviz 图。"),
    (
        "rules list",
        "按文件统计原因、问题、结论、事实和用例，以及被后面的规则层替换的定义。",
    ),
];

/// The help of each argument, by its id.
const ARGS: &[(&str, &str)] = &[
    (
        "answers",
        "预先回答问题：ID=值[,ID=值...]；可以重复。值里的逗号写成 \\,，反斜杠写成 \\\\（complaint_ticket='YD 2026\\,二次'）。",
    ),
    (
        "carrier",
        "你的运营商：mobile、unicom 或 telecom（也可以写 cmcc、cucc、ctcc、移动、联通、电信）。等同于 --answers carrier=X。",
    ),
    (
        "no_input",
        "即使在终端里也从不提问：缺少答案时以退出码 3 结束，并给出下一个问题。",
    ),
    (
        "save",
        "每回答一个问题就保存到 FILE（人可以阅读和修改的 TOML）。已有的 FILE 不会被替换：要接着它回答，用 --resume。",
    ),
    (
        "resume",
        "从 FILE 中保存的答案继续（命令行上的答案优先），并继续保存到该文件，除非 --save 指定了别的文件。",
    ),
    ("today", "计算期限所用的日期 [默认：中国的今天]。"),
    (
        "brief",
        "每个结果只输出 ID（状态、运营商、原因、结论、下一个问题），不输出完整报告：用于分派大量工单。",
    ),
    (
        "explain",
        "显示走过的路径，以及每个原因是由哪些回答、哪条规则找到的。",
    ),
    (
        "facts",
        "同时列出每条事实：可信度、来源核对日期、出处、给用户的说明和给规则作者的说明。",
    ),
    (
        "full",
        "显示全部内容：每一级升级的全部步骤、以后怎么避免，以及每条依据的出处、网址和说明。",
    ),
    ("format", "输出格式。"),
    ("json", "等同于 --format json。"),
    (
        "rules",
        "把一个规则目录作为一层叠加在内置规则上：ID 相同的定义替换原定义，新的 ID 被加入。可以重复，后面的目录优先。",
    ),
    ("no_builtin", "不加载内置规则，从空开始。"),
    (
        "lang",
        "语言：zh（中文）或 en（英文）[默认：zh，语言环境为英文时用 en]。",
    ),
    (
        "color",
        "何时着色；环境变量 NO_COLOR 会关闭 auto 模式的颜色。",
    ),
    (
        "plain",
        "纯文本输出，适合读屏软件和日志：不着色、不用 Unicode 符号、不移动光标（按序号回答问题）。TERM=dumb 效果相同。",
    ),
    (
        "kind",
        "哪一封信：complaint（给运营商的投诉信）或 appeal（给申诉受理机构的申诉书）。",
    ),
    (
        "out",
        "把信写到 FILE 而不是标准输出（已有的文件不会被替换，除非加 --force）。",
    ),
    ("force", "如果 FILE 已存在，替换它。"),
    ("file", "输入文件；不写时读标准输入。"),
    (
        "cause",
        "原因 ID，例如 contract_lock、bundling、unconsented_order；给出不存在的 ID 会列出全部原因。",
    ),
    ("shell", "shell 的种类。"),
    ("word", "已经输入的词。"),
    ("deny_warnings", "有警告时也失败（退出码 4）。"),
    ("stale_after", "事实上次核实超过 DAYS 天时给出警告。"),
    ("limit", "路径超过 N 条时报错停止。"),
];

/// The same command, every text of its help in Chinese.
pub fn translate(command: Command) -> Command {
    translate_at(command, "")
}

fn translate_at(mut command: Command, path: &str) -> Command {
    if let Some((_, about)) = ABOUT.iter().find(|(p, _)| *p == path) {
        command = command.about(*about).long_about(None);
    }
    command = command
        .help_template(USAGE_TEMPLATE)
        .subcommand_help_heading("命令")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .global(false),
        );
    if path.is_empty() {
        command = command
            .override_usage("unsub-doctor [选项] [命令]")
            .after_help(AFTER_HELP)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("显示版本"),
            );
    } else {
        // "Usage: ... [OPTIONS] <KIND>" in Chinese words.
        let mut usage = format!("unsub-doctor {path} [选项]");
        for arg in command.get_positionals() {
            let name = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().as_str().to_uppercase(), |n| n.to_string());
            if arg.is_required_set() {
                usage.push_str(&format!(" <{name}>"));
            } else {
                usage.push_str(&format!(" [{name}]"));
            }
        }
        if command.has_subcommands() {
            usage.push_str(" <命令>");
        }
        command = command.after_help("").override_usage(usage);
    }
    command = command.mut_args(|arg| {
        let heading = if arg.is_positional() {
            "参数"
        } else {
            "选项"
        };
        let mut arg = arg.help_heading(heading);
        if arg.get_id() == "today" {
            arg = arg.value_parser(parse_date);
        }
        let Some((_, help)) = ARGS.iter().find(|(id, _)| *id == arg.get_id().as_str()) else {
            return arg;
        };
        // clap says "[default: ...] [possible values: ...]" in English: say it here instead.
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        let default: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let mut help = (*help).to_owned();
        let takes_values = arg.get_action().takes_values();
        if takes_values && !values.is_empty() && !arg.is_positional() {
            help.push_str(&format!("可选：{}", values.join("、")));
            if !default.is_empty() {
                help.push_str(&format!("；默认：{}", default.join("、")));
            }
            help.push('。');
        }
        let arg = arg.help(help).long_help(None);
        if takes_values {
            arg.hide_default_value(true).hide_possible_values(true)
        } else {
            arg
        }
    });
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |sub| translate_at(sub, &sub_path));
    }
    command.disable_help_subcommand(true)
}

/// `--today`'s value, refused in Chinese.
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("`{text}` 不是 2026-11-25 这样的日期（YYYY-MM-DD）"))
}

/// A command-line error in Chinese, for the kinds users meet; `None` leaves
/// clap's own (English) message.
pub fn error(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| error.get(kind).map(|v| v.to_string());
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            let hint = context(ContextKind::SuggestedArg)
                .map(|s| format!("；是不是 `{s}`？"))
                .unwrap_or_default();
            format!("未知的参数 `{arg}`{hint}")
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let hint = context(ContextKind::SuggestedSubcommand)
                .map(|s| format!("；是不是 `{s}`？"))
                .unwrap_or_default();
            format!("未知的命令 `{name}`{hint}")
        }
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue).unwrap_or_default();
            format!("`{value}` 不是 `{arg}` 的有效取值；可选：{valid}")
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|e| format!("：{e}"))
                .unwrap_or_default();
            format!("`{arg}` 的值 `{value}` 无效{reason}")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(ContextKind::PriorArg).unwrap_or_default();
            // Before a command's name: say where the option goes.
            let hint = if prior.starts_with('-') {
                String::new()
            } else {
                format!("；命令的选项要写在命令名后面：`unsub-doctor {prior} … {arg} …`")
            };
            format!("`{arg}` 不能和 `{prior}` 一起用{hint}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令；用 --help 查看可用的命令".to_owned()
        }
        ErrorKind::NoEquals => format!("`{arg}` 的值要用 `=` 连接"),
        _ => return None,
    };
    Some(format!("错误：{message}\n\n更多信息请用 --help。"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory as _;

    #[test]
    fn the_chinese_command_line_is_well_formed() {
        translate(Cli::command()).debug_assert();
    }

    #[test]
    fn every_argument_and_command_has_chinese_help() {
        fn visit(command: &Command, path: &str) {
            assert!(
                ABOUT.iter().any(|(p, _)| *p == path),
                "no Chinese about for `{path}`"
            );
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    ARGS.iter().any(|(a, _)| *a == id),
                    "no Chinese help for `{id}` in `{path}`"
                );
            }
            for sub in command.get_subcommands() {
                let name = sub.get_name();
                let sub_path = if path.is_empty() {
                    name.to_owned()
                } else {
                    format!("{path} {name}")
                };
                visit(sub, &sub_path);
            }
        }
        visit(&Cli::command(), "");
    }
}
