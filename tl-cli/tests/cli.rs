//! The `tl` commands on the real schemas and payloads of `../shared`, run through
//! [`tl_cli::cli::run`] as the binary runs them.

use std::io::Write as _;

use tl_cli::cli::{run, Io};

fn shared(path: &str) -> String {
    format!("{}/../../shared/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn layer230() -> String {
    shared("schemas/telegram-api-layer230.tl")
}

fn payload(name: &str) -> Vec<u8> {
    let path = shared(&format!("bench/{name}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What a run printed, and its exit code.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// Runs `tl ARGS` with `stdin`.
fn tl(args: &[&str], stdin: &[u8]) -> Run {
    let mut input = stdin;
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut argv = vec!["tl"];
    argv.extend_from_slice(args);
    let code = run(
        argv,
        &mut Io {
            stdin: &mut input,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    Run {
        code,
        stdout,
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

fn decode(extra: &[&str], input: &[u8]) -> Run {
    let schema = layer230();
    let mut args = vec!["decode", "--schema", schema.as_str()];
    args.extend_from_slice(extra);
    tl(&args, input)
}

#[test]
fn decode_prints_the_tree_of_updates() {
    let out = decode(&[&shared("bench/updates.bin")], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.text();
    assert!(
        text.starts_with("updates#74ae4240\n  updates: [50]\n    [0]: updateUserStatus#e5bdf8de\n"),
        "{}",
        text.get(..200).unwrap_or(&text)
    );
    // The payload's README: 10 updateNewMessage, 8 updateUserStatus, 10 users, 3 channels.
    let at = |indent: usize, what: &str| {
        let prefix = format!("{:indent$}[", "");
        text.lines()
            .filter(|l| l.starts_with(&prefix) && l.contains(what))
            .count()
    };
    assert_eq!(at(4, ": updateNewMessage#1f2b0afd"), 10);
    assert_eq!(at(4, ": updateUserStatus#e5bdf8de"), 8);
    assert_eq!(at(4, ": user#b1b8cc83"), 10);
    assert_eq!(at(4, ": channel#d49f34c6"), 3);
}

#[test]
fn decode_shows_flags_bits_strings_and_bytes() {
    let out = decode(&[], &payload("send_message.bin"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.text();
    for line in [
        "messages.sendMessage#fef48f62",
        "  flags: 0x0000008b = {0 reply_to, 1 no_webpage, 3 entities, 7 clear_draft}",
        "  no_webpage: true",
        "  clear_draft: true",
        "    channel_id: 1987654321",
        "      url: \"https://example.org/changelog#v0.4.2\"",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    assert!(!text.contains("silent"), "unset flags are not shown");
    let photo = decode(&[&shared("bench/channel_messages.bin")], &[]).text();
    assert!(
        photo.contains("file_reference: bytes[29] 02"),
        "bytes are shown in hex"
    );
}

#[test]
fn json_re_encodes_byte_exact() {
    let schema = layer230();
    for name in [
        "updates.bin",
        "channel_messages.bin",
        "update_short_message.bin",
        "send_message.bin",
    ] {
        let bytes = payload(name);
        let json = decode(&["--json"], &bytes);
        assert_eq!(json.code, 0, "{name}: {}", json.stderr);
        let back = tl(&["encode", "--schema", &schema, "--json"], &json.stdout);
        assert_eq!(back.code, 0, "{name}: {}", back.stderr);
        assert!(back.stdout == bytes, "{name}: re-encoding differs");
    }
    let hex = tl(
        &["encode", "--schema", &schema, "--json", "--hex"],
        br#"{"_":"boolTrue"}"#,
    );
    assert_eq!(
        hex.code, 1,
        "boolTrue is a builtin, not a constructor of the schema"
    );
    let hex = tl(
        &[
            "encode", "--schema", &schema, "--json", "--hex", "--type", "Bool",
        ],
        b"true",
    );
    assert_eq!((hex.code, hex.text().as_str()), (0, "b5757299\n"));
}

#[test]
fn json_shows_names_flags_and_typed_scalars() {
    let out = decode(&["--json"], &payload("update_short_message.bin"));
    let text = out.text();
    assert!(
        text.starts_with(r#"{"_":"updateShortMessage","flags":128,"id":310077,"user_id":"5000007932","message":"ok, see you at 10:30 👍""#),
        "{text}"
    );
    // Editing the JSON changes the bytes: the flags word follows the fields.
    let entities = r#","entities":[{"_":"messageEntityBold","offset":15,"length":5}]"#;
    assert!(text.contains(entities), "{text}");
    let edited = text.replace(entities, "");
    let schema = layer230();
    let back = tl(
        &["encode", "-s", &schema, "--json", "--hex"],
        edited.as_bytes(),
    );
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(
        back.text().starts_with("f8c73b3100000000"),
        "{}",
        back.text()
    );
    let unknown = text.replace(r#""id":"#, r#""idd":"#);
    let back = tl(&["encode", "-s", &schema, "--json"], unknown.as_bytes());
    assert_eq!(back.code, 1);
    assert!(back.stderr.contains("idd"), "{}", back.stderr);
}

#[test]
fn decode_as_a_type_or_a_function() {
    let call = payload("send_message.bin");
    assert_eq!(decode(&["--function"], &call).code, 0);
    let wrong = decode(&["--type", "Updates"], &call);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.starts_with(
            "error: unknown constructor id 0xfef48f62 at byte offset 0 while decoding Updates\n"
        ),
        "{}",
        wrong.stderr
    );
    // The bare form of a constructor: the bytes after the id.
    let short = payload("update_short_message.bin");
    let bare = decode(
        &["--type", "updateShortMessage"],
        short.get(4..).unwrap_or(&[]),
    );
    assert_eq!(bare.code, 0, "{}", bare.stderr);
    assert!(bare.text().starts_with("updateShortMessage#313bc7f8\n"));
    let bools = decode(
        &["--type", "Vector<Bool>", "--hex"],
        b"15c4b51c 02000000 b5757299 379779bc",
    );
    assert_eq!(bools.text(), "[2]\n  [0]: true\n  [1]: false\n");
    assert_eq!(decode(&["--type", "Nope"], &call).code, 2);
}

#[test]
fn a_failure_says_how_far_it_got() {
    let bytes = payload("updates.bin");
    let out = decode(&[], bytes.get(..3000).unwrap_or(&[]));
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("error: length 562 too large at byte offset 2724 while decoding bytes: 272 bytes remain")
    );
    assert!(
        lines.get(1).is_some_and(|l| l.starts_with("  in: updates#74ae4240 > updates > [12] > updateNewChannelMessage#62ba04d9 > message > message#7600b9d3 > media")),
        "{}",
        out.stderr
    );
    assert_eq!(
        lines.get(2).copied(),
        Some("  decoded 2724 of 3000 bytes before the failure")
    );
    assert!(out.stdout.is_empty());
}

/// `bytes` as TL writes them.
fn tl_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    tl_runtime::writer::write_bytes(&mut out, data);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).expect("gzip");
    gz.finish().expect("gzip")
}

/// `message msg_id seqno bytes body` of a `msg_container`.
fn message(msg_id: i64, body: &[u8]) -> Vec<u8> {
    let mut out = msg_id.to_le_bytes().to_vec();
    out.extend_from_slice(&1_i32.to_le_bytes());
    out.extend_from_slice(&(body.len() as i32).to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn rpc_result(req_msg_id: i64, answer: &[u8]) -> Vec<u8> {
    let mut out = 0xf35c_6d01_u32.to_le_bytes().to_vec();
    out.extend_from_slice(&req_msg_id.to_le_bytes());
    out.extend_from_slice(answer);
    out
}

fn gzip_packed(inner: &[u8]) -> Vec<u8> {
    let mut out = 0x3072_cfa1_u32.to_le_bytes().to_vec();
    out.extend(tl_bytes(&gzip(inner)));
    out
}

/// A container of two answers: a gzipped `Updates` and a `Vector<long>`.
fn container() -> Vec<u8> {
    let mut longs = 0x1cb5_c415_u32.to_le_bytes().to_vec();
    longs.extend_from_slice(&3_i32.to_le_bytes());
    for v in [7_i64, -8, 9] {
        longs.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = 0x73f1_f8dc_u32.to_le_bytes().to_vec();
    out.extend_from_slice(&2_i32.to_le_bytes());
    let packed = gzip_packed(&payload("update_short_message.bin"));
    out.extend(message(0x1001, &rpc_result(0x2002, &packed)));
    out.extend(message(0x1005, &rpc_result(0x2006, &longs)));
    out
}

#[test]
fn envelope_containers_results_and_gzip() {
    let bytes = container();
    let plain = decode(&[], &bytes);
    assert_eq!(
        plain.code, 1,
        "layer 230 alone does not declare the envelope"
    );
    assert!(
        plain.stderr.contains("unknown constructor id 0x73f1f8dc"),
        "{}",
        plain.stderr
    );

    let out = decode(&["--envelope"], &bytes);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.text();
    for line in [
        "msg_container#73f1f8dc",
        "  messages: [2]",
        "    [0]: message#5bb8e511",
        "      body: rpc_result#f35c6d01",
        "        req_msg_id: 8194",
        "        result: gzip_packed#3072cfa1",
        "            updateShortMessage#313bc7f8",
        "              message: \"ok, see you at 10:30 👍\"",
        "        result: [7, -8, 9]",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    let json = decode(&["--envelope", "--json"], &bytes);
    let schema = layer230();
    let back = tl(
        &["encode", "-s", &schema, "--envelope", "--json"],
        &json.stdout,
    );
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(back.stdout == bytes, "the envelope re-encodes byte-exact");
}

#[test]
fn envelope_errors() {
    // A body shorter than its `bytes` field says.
    let mut bytes = container();
    let at = 4 + 4 + 8 + 4; // the first message's `bytes`
    let field = bytes.get_mut(at..at + 4).expect("container");
    let declared = i32::from_le_bytes([field[0], field[1], field[2], field[3]]);
    field.copy_from_slice(&(declared + 4).to_le_bytes());
    let out = decode(&["--envelope"], &bytes);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(&format!(
            "takes {declared} bytes, its `bytes` field says {}",
            declared + 4
        )),
        "{}",
        out.stderr
    );
    // A zip bomb: 8 MB of zeros in a few KB is refused by the allocation budget.
    let bomb = rpc_result(1, &gzip_packed(&vec![0; 8 << 20]));
    assert!(bomb.len() < 16 << 10, "{}", bomb.len());
    let out = decode(&["--envelope"], &bomb);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "bad gzip_packed data at byte offset 16 while decoding gzip_packed: it inflates to more than"
        ),
        "{}",
        out.stderr
    );
    // A wrong CRC in the gzip trailer, and gzip data inside gzip data.
    let mut data = gzip(&payload("update_short_message.bin"));
    let crc_at = data.len() - 8;
    data[crc_at] ^= 1;
    let mut bad_crc = 0x3072_cfa1_u32.to_le_bytes().to_vec();
    bad_crc.extend(tl_bytes(&data));
    let out = decode(&["--envelope"], &bad_crc);
    assert!(
        out.stderr.contains("the CRC of the inflated data is wrong"),
        "{}",
        out.stderr
    );
    let nested = gzip_packed(&gzip_packed(&payload("update_short_message.bin")));
    let out = decode(&["--envelope"], &nested);
    assert!(
        out.stderr.contains("gzip_packed inside gzip_packed data"),
        "{}",
        out.stderr
    );
    // Data that is not gzip.
    let mut junk = 0x3072_cfa1_u32.to_le_bytes().to_vec();
    junk.extend(tl_bytes(b"not gzip"));
    let out = decode(&["--envelope"], &rpc_result(1, &junk));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("bad gzip_packed data"),
        "{}",
        out.stderr
    );
}

/// The diff of layer 228 (gotd) → 230, checked against facts read in the two files.
#[test]
fn diff_layer_228_to_230() {
    let old = shared("schemas/telegram-api-layer228-gotd.tl");
    let new = layer230();
    let out = tl(&["diff", &old, &new], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.text();
    let has = |line: &str| text.lines().any(|l| l == line);
    // Only in 230 (its line 2355).
    assert!(has(
        "+ constructor auth.firebasePnvIntent#df5ac00c = auth.FirebasePnvIntent"
    ));
    // 228 line 3009 `botVerification#f93cd45c … description:string`, 230 line 2023
    // `botVerification#f72e0ed9 … description:TextWithEntities`.
    assert!(has(
        "~ constructor botVerification#f93cd45c → #f72e0ed9 = BotVerification"
    ));
    assert!(has("    ~ description: string → TextWithEntities"));
    // The same id in both, one more flag in 230.
    assert!(has(
        "~ constructor chatAdminRights#5fb224d5 = ChatAdminRights"
    ));
    assert!(has("    + manage_welcome_messages:flags.20?true"));
    // 228 line 1247, gone in 230.
    assert!(has(
        "- constructor inputKeyboardButtonRequestPeer#02b78156 = KeyboardButton"
    ));
    // `peer_id:Peer` in 228, `peer_id:flags.9?Peer` in 230.
    assert!(has(
        "~ constructor ephemeralMessage#d9c6dc1a → #dd27bee9 = EphemeralMessage"
    ));
    assert!(has("    ~ peer_id: moved from always present to flags.9"));
    assert!(has("    + welcome_template:flags.5?true"));
    // A new boxed type; `message#7600b9d3` is the same in both.
    assert!(has("+ type wallet.Transactions"));
    assert!(!text.contains(" message#7600b9d3"));
    let summary = text.lines().last().unwrap_or("");
    assert!(summary.starts_with("constructors: "), "{summary}");

    let json = tl(&["diff", &old, &new, "--json"], &[]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let decls = value["declarations"].as_array().expect("declarations");
    let bot = decls
        .iter()
        .find(|d| d["name"] == "botVerification")
        .expect("botVerification");
    assert_eq!(
        (bot["old_id"].as_str(), bot["new_id"].as_str()),
        (Some("f93cd45c"), Some("f72e0ed9"))
    );
    assert_eq!(value["summary"].as_str(), Some(summary));
}

#[test]
fn check_prints_the_macros_diagnostics() {
    // What trybuild recorded of the macro for this file (ui-tests).
    let ui = format!("{}/../ui-tests", env!("CARGO_MANIFEST_DIR"));
    let recorded = std::fs::read_to_string(format!(
        "{ui}/tests/ui/error-in-a-schema-file-names-it.stderr"
    ))
    .expect("recorded stderr");
    let path = format!("{ui}/fixtures/unknown-type.tl");
    let out = tl(&["check", &path], &[]);
    assert_eq!(out.code, 1);
    // The macro names the file as its `path` says, the command as its argument says; rustc
    // puts `error: ` before the message and indents the help.
    let ours = out.stderr.replace(&path, "fixtures/unknown-type.tl");
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .take(6)
            .map(|l| l.trim().trim_start_matches("error: ").to_owned())
            .collect()
    };
    assert_eq!(lines(&ours), lines(&recorded));
    assert!(out.stderr.ends_with("1 problem(s)\n"), "{}", out.stderr);

    let ok = tl(&["check", &layer230()], &[]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.text().starts_with("ok: "), "{}", ok.text());
    let td = shared("schemas/td_api.tl");
    assert_eq!(tl(&["check", &td, "--ids", "nope"], &[]).code, 2);
    assert_eq!(tl(&["check", &td, "--ids", "tl-spec"], &[]).code, 0);
}

#[test]
fn check_reports_every_problem_with_place_and_hint() {
    let dir = std::env::temp_dir().join(format!("tl-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("broken.tl");
    std::fs::write(
        &path,
        "pong#347773c5 msg_id:long ping_id:lng = Pong;\nping#1 flags:# x:flags.40?int = Ping;\n",
    )
    .expect("write");
    let path = path.to_string_lossy().into_owned();
    let out = tl(&["check", &path], &[]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.code, 1);
    let expected = format!(
        "tl_schema: unknown type `lng`\n --> {path}:1:35\n  |\n1 | pong#347773c5 msg_id:long ping_id:lng = Pong;\n  |                                   ^^^\nhelp: did you mean `long`?"
    );
    assert!(out.stderr.starts_with(&expected), "{}", out.stderr);
    assert!(out.stderr.contains("flag bit 40"), "{}", out.stderr);
    assert!(out.stderr.ends_with("2 problem(s)\n"), "{}", out.stderr);
}

/// TDLib's MTProto schema declares `gzip_packed`: its data is inflated without `--envelope`.
#[test]
fn gzip_packed_where_the_schema_declares_it() {
    let (schema, tdlib) = (layer230(), shared("schemas/mtproto-tdlib.tl"));
    let bytes = gzip_packed(&payload("update_short_message.bin"));
    let out = tl(&["decode", "-s", &schema, "-s", &tdlib], &bytes);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.text()
            .starts_with("gzip_packed#3072cfa1\n  packed_data: gzip, "),
        "{}",
        out.text()
    );
    assert!(out.text().contains("\n    updateShortMessage#313bc7f8\n"));
    let plain = tl(&["decode", "-s", &schema], &bytes);
    assert_eq!(plain.code, 1, "layer 230 alone has no gzip_packed");
}
