//! Hostile bytes decoded as a boxed `messages.Messages` by the `borrowed = true` expansion
//! (strings and bytes borrowed from the input).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    use tl_fuzz::telegram_borrowed::enums::messages::Messages;
    let bound = tl_fuzz::telegram_borrowed::ALLOC_PER_INPUT_BYTE;
    tl_fuzz::check_borrowed(data, bound, |d, l| {
        tl_fuzz::reencode_counted::<Messages<'_>>(d, l)
    });
});
