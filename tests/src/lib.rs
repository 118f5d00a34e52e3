//! Schemas expanded once for the integration tests in `tests/`. Paths are relative to this crate's
//! manifest; the schemas are read from `../shared/schemas` beside the repository.

/// The current Telegram API (layer 230) with grammers' MTProto schema, as one schema.
pub mod telegram {
    tl_runtime::tl_schema!(
        path = [
            "../../shared/schemas/telegram-api-layer230.tl",
            "../../shared/schemas/mtproto-grammers.tl"
        ]
    );
}

/// The official `mtproto.tl` exactly as published. Its binary handshake fields are declared
/// `string`; they are mapped to bytes so they round-trip byte-exact.
pub mod mtproto {
    tl_runtime::tl_schema!(
        path = "../../shared/schemas/mtproto.tl",
        string_as_bytes = [
            "resPQ.pq",
            "p_q_inner_data.pq",
            "p_q_inner_data.p",
            "p_q_inner_data.q",
            "p_q_inner_data_dc.pq",
            "p_q_inner_data_dc.p",
            "p_q_inner_data_dc.q",
            "p_q_inner_data_temp.pq",
            "p_q_inner_data_temp.p",
            "p_q_inner_data_temp.q",
            "p_q_inner_data_temp_dc.pq",
            "p_q_inner_data_temp_dc.p",
            "p_q_inner_data_temp_dc.q",
            "server_DH_params_ok.encrypted_answer",
            "server_DH_inner_data.dh_prime",
            "server_DH_inner_data.g_a",
            "client_DH_inner_data.g_b",
            "req_DH_params.p",
            "req_DH_params.q",
            "req_DH_params.encrypted_data",
            "set_client_DH_params.encrypted_data",
            "msgs_state_info.info",
            "msgs_all_info.info",
        ]
    );
}
