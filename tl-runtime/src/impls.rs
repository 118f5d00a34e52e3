//! The impls every generated type needs that are the same for all of them: one macro call per
//! generated module lists its types, which keeps the generated code (and what the proc macro
//! hands the compiler) short. `$crate` names the runtime wherever it was re-exported from.
//!
//! The first word of each call says where the functions are compiled to machine code: `inline`
//! (`#[inline]`: in the crates that use them; `tl_schema!`'s default) or `here` (in the crate that
//! expands the schema, as for a regular library; `tl_schema!(…, inline = false)`).

/// `Debug` and `PartialEq` of constructor and function structs (not generic), through their
/// `Constructor` impl: `__ctor_impls!(inline InputPhoneCall, UpdateShortMessage, Message<'a>, …);`
/// (a struct generated with `borrowed = true` that borrows names its lifetime). An entry with its
/// id and TL name is a constructor without fields (`pub struct InputPeerEmpty {}`), which gets its
/// `Clone` and `Constructor` here too: `InputPeerEmpty = 0x7f3b18ea "inputPeerEmpty"`.
#[doc(hidden)]
#[macro_export]
macro_rules! __ctor_impls {
    (inline $($name:ident $(<$lt:lifetime>)? $(= $id:literal $tl:literal)?),* $(,)?) => {
        $($crate::__ctor_impls!(@one [#[inline]] $name [$($lt)?] $($id $tl)?);)*
    };
    (here $($name:ident $(<$lt:lifetime>)? $(= $id:literal $tl:literal)?),* $(,)?) => {
        $($crate::__ctor_impls!(@one [] $name [$($lt)?] $($id $tl)?);)*
    };
    (@one [$($attr:tt)*] $name:ident [] $id:literal $tl:literal) => {
        impl ::core::clone::Clone for $name {
            $($attr)*
            fn clone(&self) -> Self {
                Self {}
            }
        }
        impl<'de> $crate::Constructor<'de> for $name {
            // `__Info`: the calling module's `CtorInfoIn` (its schema's allocation bound).
            const INFO: $crate::CtorInfo = __Info::new($id, $tl, ::core::stringify!($name), 0);
            fn visit_fields<V: $crate::FieldVisitor + ?Sized>(&self, _: &mut V) {}
            $($attr)*
            fn read_fields(_: &mut $crate::Reader<'de>) -> ::core::option::Option<Self> {
                ::core::option::Option::Some(Self {})
            }
        }
        $crate::__ctor_impls!(@one [$($attr)*] $name []);
    };
    (@one [$($attr:tt)*] $name:ident [$($lt:lifetime)?]) => {
        impl<$($lt)?> ::core::fmt::Debug for $name<$($lt)?> {
            $($attr)*
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::debug_fields(self, f)
            }
        }
        impl<$($lt)?> ::core::cmp::PartialEq for $name<$($lt)?> {
            $($attr)*
            fn eq(&self, other: &Self) -> bool {
                $crate::__private::eq_bare(self, other)
            }
        }
    };
}

/// What every generated enum has through its `BoxedType` impl: `constructor_id()`,
/// `tl_name()`, `Serialize`, `Deserialize`, `Debug` and `PartialEq`:
/// `__enum_impls!(inline Updates, Peer, Message<'a>, …);`.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_impls {
    (inline $($name:ident $(<$lt:lifetime>)?),* $(,)?) => {
        $($crate::__enum_impls!(@one [#[inline]] $name [$($lt)?]);)*
    };
    (here $($name:ident $(<$lt:lifetime>)?),* $(,)?) => {
        $($crate::__enum_impls!(@one [] $name [$($lt)?]);)*
    };
    // An owned enum decodes from input of any lifetime, a borrowing one from its own.
    (@one [$($attr:tt)*] $name:ident []) => {
        impl<'de> $crate::Deserialize<'de> for $name {
            // `__Info`: the calling module's `CtorInfoIn` (its schema's allocation bound).
            const ALLOC_PER_INPUT_BYTE: u32 = __Info::BOUND;
            $($attr)*
            fn read(r: &mut $crate::Reader<'de>) -> ::core::option::Option<Self> {
                $crate::__private::read_variant_of(r)
            }
            $($attr)*
            fn read_field(
                r: &mut $crate::Reader<'de>,
                field: &'static str,
            ) -> ::core::option::Option<Self> {
                $crate::__private::read_variant_field(r, field)
            }
            $($attr)*
            fn tl_type() -> &'static str {
                <Self as $crate::BoxedType<'de>>::TL_TYPE
            }
        }
        $crate::__enum_impls!(@common [$($attr)*] $name []);
    };
    (@one [$($attr:tt)*] $name:ident [$lt:lifetime]) => {
        impl<$lt> $crate::Deserialize<$lt> for $name<$lt> {
            // `__Info`: the calling module's `CtorInfoIn` (its schema's allocation bound).
            const ALLOC_PER_INPUT_BYTE: u32 = __Info::BOUND;
            $($attr)*
            fn read(r: &mut $crate::Reader<$lt>) -> ::core::option::Option<Self> {
                $crate::__private::read_variant_of(r)
            }
            $($attr)*
            fn read_field(
                r: &mut $crate::Reader<$lt>,
                field: &'static str,
            ) -> ::core::option::Option<Self> {
                $crate::__private::read_variant_field(r, field)
            }
            $($attr)*
            fn tl_type() -> &'static str {
                <Self as $crate::BoxedType<$lt>>::TL_TYPE
            }
        }
        $crate::__enum_impls!(@common [$($attr)*] $name [$lt]);
    };
    (@common [$($attr:tt)*] $name:ident [$($lt:lifetime)?]) => {
        impl<$($lt)?> $name<$($lt)?> {
            /// The constructor id of the constructor this value holds.
            $($attr)*
            pub fn constructor_id(&self) -> u32 {
                $crate::__private::variant_id(self)
            }
            /// The TL name of the constructor this value holds, e.g. `"updateShortMessage"`.
            $($attr)*
            pub fn tl_name(&self) -> &'static str {
                $crate::__private::variant_tl_name(self)
            }
        }
        impl<$($lt)?> $crate::Serialize for $name<$($lt)?> {
            #[inline]
            fn serialize<S: $crate::Sink + ?::core::marker::Sized>(&self, out: &mut S) {
                $crate::__private::serialize_variant(self, out)
            }
        }
        impl<$($lt)?> ::core::fmt::Debug for $name<$($lt)?> {
            $($attr)*
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::debug_variant(self, f)
            }
        }
        impl<$($lt)?> ::core::cmp::PartialEq for $name<$($lt)?> {
            $($attr)*
            fn eq(&self, other: &Self) -> bool {
                $crate::__private::eq_boxed(self, other)
            }
        }
    };
}

/// `Eq` and `Hash` of the structs (`bare`: through their bare encoding) or enums (`boxed`), as
/// `tl_schema!(…, derive = ["Eq", "Hash"])` asks: `__std_impls!(bare [Eq Hash] InputPhoneCall,
/// Message<'a>, …);`. Equality is equality of the encodings, an equivalence (`double`s compared
/// bit for bit), and the hash is the encoding's, so the two agree.
#[doc(hidden)]
#[macro_export]
macro_rules! __std_impls {
    ($kind:ident $traits:tt $($name:ident $(<$lt:lifetime>)?),* $(,)?) => {
        $($crate::__std_impls!(@each $kind $traits $name [$($lt)?]);)*
    };
    (@each $kind:ident [$($tr:ident)*] $name:ident $lt:tt) => {
        $($crate::__std_impls!(@ $tr $kind $name $lt);)*
    };
    (@ Eq $kind:ident $name:ident [$($lt:lifetime)?]) => {
        impl<$($lt)?> ::core::cmp::Eq for $name<$($lt)?> {}
    };
    (@ Hash bare $name:ident [$($lt:lifetime)?]) => {
        impl<$($lt)?> ::core::hash::Hash for $name<$($lt)?> {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                $crate::__private::hash_bare(self, state)
            }
        }
    };
    (@ Hash boxed $name:ident [$($lt:lifetime)?]) => {
        impl<$($lt)?> ::core::hash::Hash for $name<$($lt)?> {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                $crate::__private::hash_boxed(self, state)
            }
        }
    };
}

/// `Default` of the constructor and function structs whose every field has one (numbers `0`,
/// strings and vectors empty, optional fields `None`, flags `false`; not a required field of an
/// enum type): `__default_impls!(inline Message { id, message, … }, InputPeerEmpty {}, …);`.
#[doc(hidden)]
#[macro_export]
macro_rules! __default_impls {
    (inline $($name:ident $(<$lt:lifetime>)? { $($field:ident),* }),* $(,)?) => {
        $($crate::__default_impls!(@one [#[inline]] $name [$($lt)?] $($field)*);)*
    };
    (here $($name:ident $(<$lt:lifetime>)? { $($field:ident),* }),* $(,)?) => {
        $($crate::__default_impls!(@one [] $name [$($lt)?] $($field)*);)*
    };
    (@one [$($attr:tt)*] $name:ident [$($lt:lifetime)?] $($field:ident)*) => {
        impl<$($lt)?> ::core::default::Default for $name<$($lt)?> {
            $($attr)*
            fn default() -> Self {
                Self { $($field: ::core::default::Default::default()),* }
            }
        }
    };
}

/// `From` each constructor struct into its enum, for the variants held inline and those held in
/// a `Box` (always `#[inline]`: a move into a variant):
/// `__from_impls!(Updates; UpdatesTooLong(super::types::UpdatesTooLong); UpdateShortMessage(super::types::UpdateShortMessage));`
/// A borrowing enum names its lifetime: `__from_impls!(Message<'a>; …)`.
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
                    Self::$boxed($crate::__private::__short::__Box::new(x))
                }
            }
        )*
    };
    ($enum:ident<$lt:lifetime>; $($variant:ident($ty:ty)),* ; $($boxed:ident($bty:ty)),*) => {
        $(
            impl<$lt> ::core::convert::From<$ty> for $enum<$lt> {
                #[inline]
                fn from(x: $ty) -> Self {
                    Self::$variant(x)
                }
            }
        )*
        $(
            impl<$lt> ::core::convert::From<$bty> for $enum<$lt> {
                #[inline]
                fn from(x: $bty) -> Self {
                    Self::$boxed($crate::__private::__short::__Box::new(x))
                }
            }
        )*
    };
}

/// A schema's allocation bound from its allocation units, one `heap [Type]… / wire` each (heap
/// bytes besides the `size_of` of each type named, and the fewest wire bytes the value owns):
/// `__alloc_bound! { 3 [super::enums::Message] [super::types::Message] / 28, … }` is
/// `alloc_bound(&[(3 + size_of::<Message>() + size_of::<types::Message>(), 28), …])`.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_bound {
    ($($heap:literal $([$ty:ty])* / $wire:literal),* $(,)?) => {
        $crate::alloc_bound(&[$(($heap $(+ ::core::mem::size_of::<$ty>())*, $wire)),*])
    };
}
