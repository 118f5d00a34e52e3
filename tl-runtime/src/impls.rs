//! The impls every generated type needs that are the same for all of them: one macro call per
//! generated module lists its types, which keeps the generated code (and what the proc macro
//! hands the compiler) short. `$crate` names the runtime wherever it was re-exported from.

/// `Debug` and `PartialEq` of constructor and function structs (not generic), through their
/// `Constructor` impl: `__ctor_impls!(InputPhoneCall, UpdateShortMessage, …);`.
#[doc(hidden)]
#[macro_export]
macro_rules! __ctor_impls {
    ($($name:ident),* $(,)?) => {$(
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::debug_fields(self, f)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::__private::eq_bare(self, other)
            }
        }
    )*};
}

/// What every generated enum has through its `BoxedType` impl: `constructor_id()`,
/// `tl_name()`, `Serialize`, `Debug` and `PartialEq`: `__enum_impls!(Updates, Peer, …);`.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_impls {
    ($($name:ident),* $(,)?) => {$(
        impl $name {
            /// The constructor id of the constructor this value holds.
            #[inline]
            pub fn constructor_id(&self) -> u32 {
                $crate::__private::variant_id(self)
            }
            /// The TL name of the constructor this value holds, e.g. `"updateShortMessage"`.
            #[inline]
            pub fn tl_name(&self) -> &'static str {
                $crate::__private::variant_tl_name(self)
            }
        }
        impl $crate::Serialize for $name {
            #[inline]
            fn serialize<S: $crate::Sink + ?::core::marker::Sized>(&self, out: &mut S) {
                $crate::__private::serialize_variant(self, out)
            }
        }
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::debug_variant(self, f)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::__private::eq_boxed(self, other)
            }
        }
    )*};
}

/// `From` each constructor struct into its enum, for the variants held inline and those held in
/// a `Box`:
/// `__from_impls!(Updates; UpdatesTooLong(super::types::UpdatesTooLong); UpdateShortMessage(super::types::UpdateShortMessage));`
#[doc(hidden)]
#[macro_export]
macro_rules! __from_impls {
    ($enum:ident; $($variant:ident($ty:ty)),* ; $($boxed:ident($bty:ty)),*) => {
        $(
            impl ::core::convert::From<$ty> for $enum {
                #[inline]
                fn from(x: $ty) -> Self {
                    Self::$variant(x)
                }
            }
        )*
        $(
            impl ::core::convert::From<$bty> for $enum {
                #[inline]
                fn from(x: $bty) -> Self {
                    Self::$boxed(::std::boxed::Box::new(x))
                }
            }
        )*
    };
}
