// @generated
impl serde::Serialize for Attempt {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if !self.worker_id.is_empty() {
            len += 1;
        }
        if self.started_at.is_some() {
            len += 1;
        }
        if self.ended_at.is_some() {
            len += 1;
        }
        if !self.outcome.is_empty() {
            len += 1;
        }
        if !self.error.is_empty() {
            len += 1;
        }
        if !self.error_category.is_empty() {
            len += 1;
        }
        if self.retryable.is_some() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        if self.duration_ms != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.Attempt", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.worker_id.is_empty() {
            struct_ser.serialize_field("worker_id", &self.worker_id)?;
        }
        if let Some(v) = self.started_at.as_ref() {
            struct_ser.serialize_field("started_at", v)?;
        }
        if let Some(v) = self.ended_at.as_ref() {
            struct_ser.serialize_field("ended_at", v)?;
        }
        if !self.outcome.is_empty() {
            struct_ser.serialize_field("outcome", &self.outcome)?;
        }
        if !self.error.is_empty() {
            struct_ser.serialize_field("error", &self.error)?;
        }
        if !self.error_category.is_empty() {
            struct_ser.serialize_field("error_category", &self.error_category)?;
        }
        if let Some(v) = self.retryable.as_ref() {
            struct_ser.serialize_field("retryable", v)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        if self.duration_ms != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("duration_ms", ToString::to_string(&self.duration_ms).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Attempt {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "worker_id",
            "workerId",
            "started_at",
            "startedAt",
            "ended_at",
            "endedAt",
            "outcome",
            "error",
            "error_category",
            "errorCategory",
            "retryable",
            "delivery_id",
            "deliveryId",
            "duration_ms",
            "durationMs",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            WorkerId,
            StartedAt,
            EndedAt,
            Outcome,
            Error,
            ErrorCategory,
            Retryable,
            DeliveryId,
            DurationMs,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "workerId" | "worker_id" => Ok(GeneratedField::WorkerId),
                            "startedAt" | "started_at" => Ok(GeneratedField::StartedAt),
                            "endedAt" | "ended_at" => Ok(GeneratedField::EndedAt),
                            "outcome" => Ok(GeneratedField::Outcome),
                            "error" => Ok(GeneratedField::Error),
                            "errorCategory" | "error_category" => Ok(GeneratedField::ErrorCategory),
                            "retryable" => Ok(GeneratedField::Retryable),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            "durationMs" | "duration_ms" => Ok(GeneratedField::DurationMs),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Attempt;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.Attempt")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Attempt, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut worker_id__ = None;
                let mut started_at__ = None;
                let mut ended_at__ = None;
                let mut outcome__ = None;
                let mut error__ = None;
                let mut error_category__ = None;
                let mut retryable__ = None;
                let mut delivery_id__ = None;
                let mut duration_ms__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::WorkerId => {
                            if worker_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerId"));
                            }
                            worker_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StartedAt => {
                            if started_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startedAt"));
                            }
                            started_at__ = map_.next_value()?;
                        }
                        GeneratedField::EndedAt => {
                            if ended_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endedAt"));
                            }
                            ended_at__ = map_.next_value()?;
                        }
                        GeneratedField::Outcome => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outcome"));
                            }
                            outcome__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ErrorCategory => {
                            if error_category__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorCategory"));
                            }
                            error_category__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retryable => {
                            if retryable__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryable"));
                            }
                            retryable__ = map_.next_value()?;
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DurationMs => {
                            if duration_ms__.is_some() {
                                return Err(serde::de::Error::duplicate_field("durationMs"));
                            }
                            duration_ms__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Attempt {
                    attempt: attempt__.unwrap_or_default(),
                    worker_id: worker_id__.unwrap_or_default(),
                    started_at: started_at__,
                    ended_at: ended_at__,
                    outcome: outcome__.unwrap_or_default(),
                    error: error__.unwrap_or_default(),
                    error_category: error_category__.unwrap_or_default(),
                    retryable: retryable__,
                    delivery_id: delivery_id__.unwrap_or_default(),
                    duration_ms: duration_ms__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.Attempt", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Bundle {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.sha256.is_empty() {
            len += 1;
        }
        if !self.storage_uri.is_empty() {
            len += 1;
        }
        if self.size_bytes != 0 {
            len += 1;
        }
        if !self.runtime.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.Bundle", len)?;
        if !self.sha256.is_empty() {
            struct_ser.serialize_field("sha256", &self.sha256)?;
        }
        if !self.storage_uri.is_empty() {
            struct_ser.serialize_field("storage_uri", &self.storage_uri)?;
        }
        if self.size_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("size_bytes", ToString::to_string(&self.size_bytes).as_str())?;
        }
        if !self.runtime.is_empty() {
            struct_ser.serialize_field("runtime", &self.runtime)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Bundle {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "sha256",
            "storage_uri",
            "storageUri",
            "size_bytes",
            "sizeBytes",
            "runtime",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Sha256,
            StorageUri,
            SizeBytes,
            Runtime,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "sha256" => Ok(GeneratedField::Sha256),
                            "storageUri" | "storage_uri" => Ok(GeneratedField::StorageUri),
                            "sizeBytes" | "size_bytes" => Ok(GeneratedField::SizeBytes),
                            "runtime" => Ok(GeneratedField::Runtime),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Bundle;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.Bundle")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Bundle, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut sha256__ = None;
                let mut storage_uri__ = None;
                let mut size_bytes__ = None;
                let mut runtime__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Sha256 => {
                            if sha256__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sha256"));
                            }
                            sha256__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StorageUri => {
                            if storage_uri__.is_some() {
                                return Err(serde::de::Error::duplicate_field("storageUri"));
                            }
                            storage_uri__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SizeBytes => {
                            if size_bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sizeBytes"));
                            }
                            size_bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Runtime => {
                            if runtime__.is_some() {
                                return Err(serde::de::Error::duplicate_field("runtime"));
                            }
                            runtime__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Bundle {
                    sha256: sha256__.unwrap_or_default(),
                    storage_uri: storage_uri__.unwrap_or_default(),
                    size_bytes: size_bytes__.unwrap_or_default(),
                    runtime: runtime__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.Bundle", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CancelTaskRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Reason,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CancelTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CancelTaskRequest {
                    task_id: task_id__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CancelTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CancelTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CancelTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CancelTaskResponse {
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CancelTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimRejection {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "CLAIM_REJECTION_UNSPECIFIED",
            Self::AlreadyRunning => "CLAIM_REJECTION_ALREADY_RUNNING",
            Self::Completed => "CLAIM_REJECTION_COMPLETED",
            Self::Canceled => "CLAIM_REJECTION_CANCELED",
            Self::NotFound => "CLAIM_REJECTION_NOT_FOUND",
            Self::ConcurrencyLimit => "CLAIM_REJECTION_CONCURRENCY_LIMIT",
            Self::RetryPending => "CLAIM_REJECTION_RETRY_PENDING",
            Self::JobPaused => "CLAIM_REJECTION_JOB_PAUSED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for ClaimRejection {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "CLAIM_REJECTION_UNSPECIFIED",
            "CLAIM_REJECTION_ALREADY_RUNNING",
            "CLAIM_REJECTION_COMPLETED",
            "CLAIM_REJECTION_CANCELED",
            "CLAIM_REJECTION_NOT_FOUND",
            "CLAIM_REJECTION_CONCURRENCY_LIMIT",
            "CLAIM_REJECTION_RETRY_PENDING",
            "CLAIM_REJECTION_JOB_PAUSED",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimRejection;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "CLAIM_REJECTION_UNSPECIFIED" => Ok(ClaimRejection::Unspecified),
                    "CLAIM_REJECTION_ALREADY_RUNNING" => Ok(ClaimRejection::AlreadyRunning),
                    "CLAIM_REJECTION_COMPLETED" => Ok(ClaimRejection::Completed),
                    "CLAIM_REJECTION_CANCELED" => Ok(ClaimRejection::Canceled),
                    "CLAIM_REJECTION_NOT_FOUND" => Ok(ClaimRejection::NotFound),
                    "CLAIM_REJECTION_CONCURRENCY_LIMIT" => Ok(ClaimRejection::ConcurrencyLimit),
                    "CLAIM_REJECTION_RETRY_PENDING" => Ok(ClaimRejection::RetryPending),
                    "CLAIM_REJECTION_JOB_PAUSED" => Ok(ClaimRejection::JobPaused),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.worker_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ClaimTaskRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if !self.worker_id.is_empty() {
            struct_ser.serialize_field("worker_id", &self.worker_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ClaimTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "worker_id",
            "workerId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            WorkerId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "workerId" | "worker_id" => Ok(GeneratedField::WorkerId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ClaimTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ClaimTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut worker_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::WorkerId => {
                            if worker_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerId"));
                            }
                            worker_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ClaimTaskRequest {
                    task_id: task_id__.unwrap_or_default(),
                    worker_id: worker_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ClaimTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.claimed {
            len += 1;
        }
        if self.reason != 0 {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if !self.capability_token.is_empty() {
            len += 1;
        }
        if self.task.is_some() {
            len += 1;
        }
        if self.next_retry_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ClaimTaskResponse", len)?;
        if self.claimed {
            struct_ser.serialize_field("claimed", &self.claimed)?;
        }
        if self.reason != 0 {
            let v = ClaimRejection::try_from(self.reason)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.reason)))?;
            struct_ser.serialize_field("reason", &v)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("lease_expires_at", v)?;
        }
        if !self.capability_token.is_empty() {
            struct_ser.serialize_field("capability_token", &self.capability_token)?;
        }
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        if let Some(v) = self.next_retry_at.as_ref() {
            struct_ser.serialize_field("next_retry_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ClaimTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "claimed",
            "reason",
            "attempt",
            "lease_token",
            "leaseToken",
            "lease_expires_at",
            "leaseExpiresAt",
            "capability_token",
            "capabilityToken",
            "task",
            "next_retry_at",
            "nextRetryAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Claimed,
            Reason,
            Attempt,
            LeaseToken,
            LeaseExpiresAt,
            CapabilityToken,
            Task,
            NextRetryAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "claimed" => Ok(GeneratedField::Claimed),
                            "reason" => Ok(GeneratedField::Reason),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "capabilityToken" | "capability_token" => Ok(GeneratedField::CapabilityToken),
                            "task" => Ok(GeneratedField::Task),
                            "nextRetryAt" | "next_retry_at" => Ok(GeneratedField::NextRetryAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ClaimTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ClaimTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut claimed__ = None;
                let mut reason__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut lease_expires_at__ = None;
                let mut capability_token__ = None;
                let mut task__ = None;
                let mut next_retry_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Claimed => {
                            if claimed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimed"));
                            }
                            claimed__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value::<ClaimRejection>()? as i32);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::CapabilityToken => {
                            if capability_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("capabilityToken"));
                            }
                            capability_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::NextRetryAt => {
                            if next_retry_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryAt"));
                            }
                            next_retry_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ClaimTaskResponse {
                    claimed: claimed__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    capability_token: capability_token__.unwrap_or_default(),
                    task: task__,
                    next_retry_at: next_retry_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ClaimTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if self.status != 0 {
            len += 1;
        }
        if !self.events.is_empty() {
            len += 1;
        }
        if !self.outputs.is_empty() {
            len += 1;
        }
        if !self.datasets_published.is_empty() {
            len += 1;
        }
        if !self.error_message.is_empty() {
            len += 1;
        }
        if self.retryable {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        if !self.error_category.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CompleteRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if self.status != 0 {
            let v = TaskStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if !self.outputs.is_empty() {
            struct_ser.serialize_field("outputs", &self.outputs)?;
        }
        if !self.datasets_published.is_empty() {
            struct_ser.serialize_field("datasets_published", &self.datasets_published)?;
        }
        if !self.error_message.is_empty() {
            struct_ser.serialize_field("error_message", &self.error_message)?;
        }
        if self.retryable {
            struct_ser.serialize_field("retryable", &self.retryable)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        if !self.error_category.is_empty() {
            struct_ser.serialize_field("error_category", &self.error_category)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "status",
            "events",
            "outputs",
            "datasets_published",
            "datasetsPublished",
            "error_message",
            "errorMessage",
            "retryable",
            "delivery_id",
            "deliveryId",
            "error_category",
            "errorCategory",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            Status,
            Events,
            Outputs,
            DatasetsPublished,
            ErrorMessage,
            Retryable,
            DeliveryId,
            ErrorCategory,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "status" => Ok(GeneratedField::Status),
                            "events" => Ok(GeneratedField::Events),
                            "outputs" => Ok(GeneratedField::Outputs),
                            "datasetsPublished" | "datasets_published" => Ok(GeneratedField::DatasetsPublished),
                            "errorMessage" | "error_message" => Ok(GeneratedField::ErrorMessage),
                            "retryable" => Ok(GeneratedField::Retryable),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            "errorCategory" | "error_category" => Ok(GeneratedField::ErrorCategory),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CompleteRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut status__ = None;
                let mut events__ = None;
                let mut outputs__ = None;
                let mut datasets_published__ = None;
                let mut error_message__ = None;
                let mut retryable__ = None;
                let mut delivery_id__ = None;
                let mut error_category__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<TaskStatus>()? as i32);
                        }
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Outputs => {
                            if outputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outputs"));
                            }
                            outputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DatasetsPublished => {
                            if datasets_published__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetsPublished"));
                            }
                            datasets_published__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ErrorMessage => {
                            if error_message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorMessage"));
                            }
                            error_message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retryable => {
                            if retryable__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryable"));
                            }
                            retryable__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ErrorCategory => {
                            if error_category__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorCategory"));
                            }
                            error_category__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CompleteRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    status: status__.unwrap_or_default(),
                    events: events__.unwrap_or_default(),
                    outputs: outputs__.unwrap_or_default(),
                    datasets_published: datasets_published__.unwrap_or_default(),
                    error_message: error_message__.unwrap_or_default(),
                    retryable: retryable__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                    error_category: error_category__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CompleteRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.accepted {
            len += 1;
        }
        if self.duplicate {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CompleteResponse", len)?;
        if self.accepted {
            struct_ser.serialize_field("accepted", &self.accepted)?;
        }
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "accepted",
            "duplicate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Accepted,
            Duplicate,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "accepted" => Ok(GeneratedField::Accepted),
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CompleteResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut accepted__ = None;
                let mut duplicate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Accepted => {
                            if accepted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accepted"));
                            }
                            accepted__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CompleteResponse {
                    accepted: accepted__.unwrap_or_default(),
                    duplicate: duplicate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CompleteResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if self.job.is_some() {
            len += 1;
        }
        if !self.dedupe_key.is_empty() {
            len += 1;
        }
        if !self.inputs.is_empty() {
            len += 1;
        }
        if self.params.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CreateTaskRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if !self.dedupe_key.is_empty() {
            struct_ser.serialize_field("dedupe_key", &self.dedupe_key)?;
        }
        if !self.inputs.is_empty() {
            struct_ser.serialize_field("inputs", &self.inputs)?;
        }
        if let Some(v) = self.params.as_ref() {
            struct_ser.serialize_field("params", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "job",
            "dedupe_key",
            "dedupeKey",
            "inputs",
            "params",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            Job,
            DedupeKey,
            Inputs,
            Params,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "job" => Ok(GeneratedField::Job),
                            "dedupeKey" | "dedupe_key" => Ok(GeneratedField::DedupeKey),
                            "inputs" => Ok(GeneratedField::Inputs),
                            "params" => Ok(GeneratedField::Params),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CreateTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut job__ = None;
                let mut dedupe_key__ = None;
                let mut inputs__ = None;
                let mut params__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::DedupeKey => {
                            if dedupe_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dedupeKey"));
                            }
                            dedupe_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Inputs => {
                            if inputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputs"));
                            }
                            inputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Params => {
                            if params__.is_some() {
                                return Err(serde::de::Error::duplicate_field("params"));
                            }
                            params__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CreateTaskRequest {
                    job_id: job_id__.unwrap_or_default(),
                    job: job__,
                    dedupe_key: dedupe_key__.unwrap_or_default(),
                    inputs: inputs__.unwrap_or_default(),
                    params: params__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CreateTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        if self.created {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.CreateTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        if self.created {
            struct_ser.serialize_field("created", &self.created)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
            "created",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            Created,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            "created" => Ok(GeneratedField::Created),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.CreateTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                let mut created__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(CreateTaskResponse {
                    task: task__,
                    created: created__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.CreateTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Dataset {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_uuid.is_empty() {
            len += 1;
        }
        if !self.current_version.is_empty() {
            len += 1;
        }
        if self.current_since.is_some() {
            len += 1;
        }
        if !self.versions.is_empty() {
            len += 1;
        }
        if !self.consumers.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.Dataset", len)?;
        if !self.dataset_uuid.is_empty() {
            struct_ser.serialize_field("dataset_uuid", &self.dataset_uuid)?;
        }
        if !self.current_version.is_empty() {
            struct_ser.serialize_field("current_version", &self.current_version)?;
        }
        if let Some(v) = self.current_since.as_ref() {
            struct_ser.serialize_field("current_since", v)?;
        }
        if !self.versions.is_empty() {
            struct_ser.serialize_field("versions", &self.versions)?;
        }
        if !self.consumers.is_empty() {
            struct_ser.serialize_field("consumers", &self.consumers)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Dataset {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_uuid",
            "datasetUuid",
            "current_version",
            "currentVersion",
            "current_since",
            "currentSince",
            "versions",
            "consumers",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetUuid,
            CurrentVersion,
            CurrentSince,
            Versions,
            Consumers,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetUuid" | "dataset_uuid" => Ok(GeneratedField::DatasetUuid),
                            "currentVersion" | "current_version" => Ok(GeneratedField::CurrentVersion),
                            "currentSince" | "current_since" => Ok(GeneratedField::CurrentSince),
                            "versions" => Ok(GeneratedField::Versions),
                            "consumers" => Ok(GeneratedField::Consumers),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Dataset;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.Dataset")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Dataset, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_uuid__ = None;
                let mut current_version__ = None;
                let mut current_since__ = None;
                let mut versions__ = None;
                let mut consumers__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetUuid => {
                            if dataset_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetUuid"));
                            }
                            dataset_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CurrentVersion => {
                            if current_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("currentVersion"));
                            }
                            current_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CurrentSince => {
                            if current_since__.is_some() {
                                return Err(serde::de::Error::duplicate_field("currentSince"));
                            }
                            current_since__ = map_.next_value()?;
                        }
                        GeneratedField::Versions => {
                            if versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("versions"));
                            }
                            versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Consumers => {
                            if consumers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumers"));
                            }
                            consumers__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Dataset {
                    dataset_uuid: dataset_uuid__.unwrap_or_default(),
                    current_version: current_version__.unwrap_or_default(),
                    current_since: current_since__,
                    versions: versions__.unwrap_or_default(),
                    consumers: consumers__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.Dataset", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DatasetConsumer {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if self.job.is_some() {
            len += 1;
        }
        if self.all_versions {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.DatasetConsumer", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if self.all_versions {
            struct_ser.serialize_field("all_versions", &self.all_versions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DatasetConsumer {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "job",
            "all_versions",
            "allVersions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            Job,
            AllVersions,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "job" => Ok(GeneratedField::Job),
                            "allVersions" | "all_versions" => Ok(GeneratedField::AllVersions),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DatasetConsumer;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.DatasetConsumer")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DatasetConsumer, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut job__ = None;
                let mut all_versions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::AllVersions => {
                            if all_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("allVersions"));
                            }
                            all_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(DatasetConsumer {
                    job_id: job_id__.unwrap_or_default(),
                    job: job__,
                    all_versions: all_versions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.DatasetConsumer", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DatasetEvent {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_uuid.is_empty() {
            len += 1;
        }
        if !self.dataset_version.is_empty() {
            len += 1;
        }
        if self.cursor.is_some() {
            len += 1;
        }
        if self.partition_key.is_some() {
            len += 1;
        }
        if self.start.is_some() {
            len += 1;
        }
        if self.end.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.DatasetEvent", len)?;
        if !self.dataset_uuid.is_empty() {
            struct_ser.serialize_field("dataset_uuid", &self.dataset_uuid)?;
        }
        if !self.dataset_version.is_empty() {
            struct_ser.serialize_field("dataset_version", &self.dataset_version)?;
        }
        if let Some(v) = self.cursor.as_ref() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("cursor", ToString::to_string(&v).as_str())?;
        }
        if let Some(v) = self.partition_key.as_ref() {
            struct_ser.serialize_field("partition_key", v)?;
        }
        if let Some(v) = self.start.as_ref() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("start", ToString::to_string(&v).as_str())?;
        }
        if let Some(v) = self.end.as_ref() {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("end", ToString::to_string(&v).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DatasetEvent {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_uuid",
            "datasetUuid",
            "dataset_version",
            "datasetVersion",
            "cursor",
            "partition_key",
            "partitionKey",
            "start",
            "end",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetUuid,
            DatasetVersion,
            Cursor,
            PartitionKey,
            Start,
            End,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetUuid" | "dataset_uuid" => Ok(GeneratedField::DatasetUuid),
                            "datasetVersion" | "dataset_version" => Ok(GeneratedField::DatasetVersion),
                            "cursor" => Ok(GeneratedField::Cursor),
                            "partitionKey" | "partition_key" => Ok(GeneratedField::PartitionKey),
                            "start" => Ok(GeneratedField::Start),
                            "end" => Ok(GeneratedField::End),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DatasetEvent;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.DatasetEvent")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DatasetEvent, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_uuid__ = None;
                let mut dataset_version__ = None;
                let mut cursor__ = None;
                let mut partition_key__ = None;
                let mut start__ = None;
                let mut end__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetUuid => {
                            if dataset_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetUuid"));
                            }
                            dataset_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DatasetVersion => {
                            if dataset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetVersion"));
                            }
                            dataset_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Cursor => {
                            if cursor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cursor"));
                            }
                            cursor__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::PartitionKey => {
                            if partition_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("partitionKey"));
                            }
                            partition_key__ = map_.next_value()?;
                        }
                        GeneratedField::Start => {
                            if start__.is_some() {
                                return Err(serde::de::Error::duplicate_field("start"));
                            }
                            start__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::End => {
                            if end__.is_some() {
                                return Err(serde::de::Error::duplicate_field("end"));
                            }
                            end__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(DatasetEvent {
                    dataset_uuid: dataset_uuid__.unwrap_or_default(),
                    dataset_version: dataset_version__.unwrap_or_default(),
                    cursor: cursor__,
                    partition_key: partition_key__,
                    start: start__,
                    end: end__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.DatasetEvent", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DatasetGrant {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_uuid.is_empty() {
            len += 1;
        }
        if !self.dataset_version.is_empty() {
            len += 1;
        }
        if self.storage_ref.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.DatasetGrant", len)?;
        if !self.dataset_uuid.is_empty() {
            struct_ser.serialize_field("dataset_uuid", &self.dataset_uuid)?;
        }
        if !self.dataset_version.is_empty() {
            struct_ser.serialize_field("dataset_version", &self.dataset_version)?;
        }
        if let Some(v) = self.storage_ref.as_ref() {
            struct_ser.serialize_field("storage_ref", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DatasetGrant {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_uuid",
            "datasetUuid",
            "dataset_version",
            "datasetVersion",
            "storage_ref",
            "storageRef",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetUuid,
            DatasetVersion,
            StorageRef,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetUuid" | "dataset_uuid" => Ok(GeneratedField::DatasetUuid),
                            "datasetVersion" | "dataset_version" => Ok(GeneratedField::DatasetVersion),
                            "storageRef" | "storage_ref" => Ok(GeneratedField::StorageRef),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DatasetGrant;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.DatasetGrant")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DatasetGrant, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_uuid__ = None;
                let mut dataset_version__ = None;
                let mut storage_ref__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetUuid => {
                            if dataset_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetUuid"));
                            }
                            dataset_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DatasetVersion => {
                            if dataset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetVersion"));
                            }
                            dataset_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StorageRef => {
                            if storage_ref__.is_some() {
                                return Err(serde::de::Error::duplicate_field("storageRef"));
                            }
                            storage_ref__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(DatasetGrant {
                    dataset_uuid: dataset_uuid__.unwrap_or_default(),
                    dataset_version: dataset_version__.unwrap_or_default(),
                    storage_ref: storage_ref__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.DatasetGrant", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DatasetPublished {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_uuid.is_empty() {
            len += 1;
        }
        if !self.dataset_version.is_empty() {
            len += 1;
        }
        if self.make_current {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.DatasetPublished", len)?;
        if !self.dataset_uuid.is_empty() {
            struct_ser.serialize_field("dataset_uuid", &self.dataset_uuid)?;
        }
        if !self.dataset_version.is_empty() {
            struct_ser.serialize_field("dataset_version", &self.dataset_version)?;
        }
        if self.make_current {
            struct_ser.serialize_field("make_current", &self.make_current)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DatasetPublished {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_uuid",
            "datasetUuid",
            "dataset_version",
            "datasetVersion",
            "make_current",
            "makeCurrent",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetUuid,
            DatasetVersion,
            MakeCurrent,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetUuid" | "dataset_uuid" => Ok(GeneratedField::DatasetUuid),
                            "datasetVersion" | "dataset_version" => Ok(GeneratedField::DatasetVersion),
                            "makeCurrent" | "make_current" => Ok(GeneratedField::MakeCurrent),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DatasetPublished;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.DatasetPublished")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DatasetPublished, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_uuid__ = None;
                let mut dataset_version__ = None;
                let mut make_current__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetUuid => {
                            if dataset_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetUuid"));
                            }
                            dataset_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DatasetVersion => {
                            if dataset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetVersion"));
                            }
                            dataset_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MakeCurrent => {
                            if make_current__.is_some() {
                                return Err(serde::de::Error::duplicate_field("makeCurrent"));
                            }
                            make_current__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(DatasetPublished {
                    dataset_uuid: dataset_uuid__.unwrap_or_default(),
                    dataset_version: dataset_version__.unwrap_or_default(),
                    make_current: make_current__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.DatasetPublished", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EmitEventsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if !self.events.is_empty() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.EmitEventsRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EmitEventsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "events",
            "delivery_id",
            "deliveryId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            Events,
            DeliveryId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "events" => Ok(GeneratedField::Events),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EmitEventsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.EmitEventsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EmitEventsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut events__ = None;
                let mut delivery_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(EmitEventsRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    events: events__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.EmitEventsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EmitEventsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.accepted != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.EmitEventsResponse", len)?;
        if self.accepted != 0 {
            struct_ser.serialize_field("accepted", &self.accepted)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EmitEventsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "accepted",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Accepted,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "accepted" => Ok(GeneratedField::Accepted),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EmitEventsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.EmitEventsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EmitEventsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut accepted__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Accepted => {
                            if accepted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accepted"));
                            }
                            accepted__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(EmitEventsResponse {
                    accepted: accepted__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.EmitEventsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EmittedEvent {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if self.event.is_some() {
            len += 1;
        }
        if !self.routed_task_ids.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.EmittedEvent", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if let Some(v) = self.event.as_ref() {
            struct_ser.serialize_field("event", v)?;
        }
        if !self.routed_task_ids.is_empty() {
            struct_ser.serialize_field("routed_task_ids", &self.routed_task_ids)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EmittedEvent {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "event",
            "routed_task_ids",
            "routedTaskIds",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            Event,
            RoutedTaskIds,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "event" => Ok(GeneratedField::Event),
                            "routedTaskIds" | "routed_task_ids" => Ok(GeneratedField::RoutedTaskIds),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EmittedEvent;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.EmittedEvent")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EmittedEvent, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut event__ = None;
                let mut routed_task_ids__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Event => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("event"));
                            }
                            event__ = map_.next_value()?;
                        }
                        GeneratedField::RoutedTaskIds => {
                            if routed_task_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("routedTaskIds"));
                            }
                            routed_task_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(EmittedEvent {
                    attempt: attempt__.unwrap_or_default(),
                    event: event__,
                    routed_task_ids: routed_task_ids__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.EmittedEvent", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ErrorDetail {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ErrorDetail", len)?;
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ErrorDetail {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Reason,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ErrorDetail;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ErrorDetail")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ErrorDetail, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ErrorDetail {
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ErrorDetail", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for FetchTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.FetchTaskRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for FetchTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = FetchTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.FetchTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<FetchTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(FetchTaskRequest {
                    task_id: task_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.FetchTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for FetchTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.state != 0 {
            len += 1;
        }
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.FetchTaskResponse", len)?;
        if self.state != 0 {
            let v = TaskState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for FetchTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "state",
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            State,
            Task,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "state" => Ok(GeneratedField::State),
                            "task" => Ok(GeneratedField::Task),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = FetchTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.FetchTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<FetchTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut state__ = None;
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(FetchTaskResponse {
                    state: state__.unwrap_or_default(),
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.FetchTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetCredentialsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetCredentialsRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetCredentialsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "delivery_id",
            "deliveryId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            DeliveryId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetCredentialsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetCredentialsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetCredentialsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut delivery_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetCredentialsRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetCredentialsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetCredentialsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.access_key_id.is_empty() {
            len += 1;
        }
        if !self.secret_access_key.is_empty() {
            len += 1;
        }
        if !self.session_token.is_empty() {
            len += 1;
        }
        if self.expiration.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetCredentialsResponse", len)?;
        if !self.access_key_id.is_empty() {
            struct_ser.serialize_field("access_key_id", &self.access_key_id)?;
        }
        if !self.secret_access_key.is_empty() {
            struct_ser.serialize_field("secret_access_key", &self.secret_access_key)?;
        }
        if !self.session_token.is_empty() {
            struct_ser.serialize_field("session_token", &self.session_token)?;
        }
        if let Some(v) = self.expiration.as_ref() {
            struct_ser.serialize_field("expiration", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetCredentialsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "access_key_id",
            "accessKeyId",
            "secret_access_key",
            "secretAccessKey",
            "session_token",
            "sessionToken",
            "expiration",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            AccessKeyId,
            SecretAccessKey,
            SessionToken,
            Expiration,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "accessKeyId" | "access_key_id" => Ok(GeneratedField::AccessKeyId),
                            "secretAccessKey" | "secret_access_key" => Ok(GeneratedField::SecretAccessKey),
                            "sessionToken" | "session_token" => Ok(GeneratedField::SessionToken),
                            "expiration" => Ok(GeneratedField::Expiration),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetCredentialsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetCredentialsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetCredentialsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut access_key_id__ = None;
                let mut secret_access_key__ = None;
                let mut session_token__ = None;
                let mut expiration__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::AccessKeyId => {
                            if access_key_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accessKeyId"));
                            }
                            access_key_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SecretAccessKey => {
                            if secret_access_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("secretAccessKey"));
                            }
                            secret_access_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SessionToken => {
                            if session_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sessionToken"));
                            }
                            session_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Expiration => {
                            if expiration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiration"));
                            }
                            expiration__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetCredentialsResponse {
                    access_key_id: access_key_id__.unwrap_or_default(),
                    secret_access_key: secret_access_key__.unwrap_or_default(),
                    session_token: session_token__.unwrap_or_default(),
                    expiration: expiration__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetCredentialsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetJobRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetJobRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetJobRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "dag_name",
            "dagName",
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            DagName,
            Name,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetJobRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetJobRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetJobRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut dag_name__ = None;
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetJobRequest {
                    job_id: job_id__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetJobRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetJobResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        if self.task_counts.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetJobResponse", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if let Some(v) = self.task_counts.as_ref() {
            struct_ser.serialize_field("task_counts", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetJobResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
            "task_counts",
            "taskCounts",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            TaskCounts,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            "taskCounts" | "task_counts" => Ok(GeneratedField::TaskCounts),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetJobResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetJobResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetJobResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                let mut task_counts__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::TaskCounts => {
                            if task_counts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskCounts"));
                            }
                            task_counts__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetJobResponse {
                    job: job__,
                    task_counts: task_counts__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetJobResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetTaskRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetTaskRequest {
                    task_id: task_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        if !self.attempts.is_empty() {
            len += 1;
        }
        if !self.outputs.is_empty() {
            len += 1;
        }
        if !self.events.is_empty() {
            len += 1;
        }
        if !self.buffer_publishes.is_empty() {
            len += 1;
        }
        if !self.wakeups.is_empty() {
            len += 1;
        }
        if !self.retries.is_empty() {
            len += 1;
        }
        if !self.outbox.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        if !self.attempts.is_empty() {
            struct_ser.serialize_field("attempts", &self.attempts)?;
        }
        if !self.outputs.is_empty() {
            struct_ser.serialize_field("outputs", &self.outputs)?;
        }
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if !self.buffer_publishes.is_empty() {
            struct_ser.serialize_field("buffer_publishes", &self.buffer_publishes)?;
        }
        if !self.wakeups.is_empty() {
            struct_ser.serialize_field("wakeups", &self.wakeups)?;
        }
        if !self.retries.is_empty() {
            struct_ser.serialize_field("retries", &self.retries)?;
        }
        if !self.outbox.is_empty() {
            struct_ser.serialize_field("outbox", &self.outbox)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
            "attempts",
            "outputs",
            "events",
            "buffer_publishes",
            "bufferPublishes",
            "wakeups",
            "retries",
            "outbox",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            Attempts,
            Outputs,
            Events,
            BufferPublishes,
            Wakeups,
            Retries,
            Outbox,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            "attempts" => Ok(GeneratedField::Attempts),
                            "outputs" => Ok(GeneratedField::Outputs),
                            "events" => Ok(GeneratedField::Events),
                            "bufferPublishes" | "buffer_publishes" => Ok(GeneratedField::BufferPublishes),
                            "wakeups" => Ok(GeneratedField::Wakeups),
                            "retries" => Ok(GeneratedField::Retries),
                            "outbox" => Ok(GeneratedField::Outbox),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                let mut attempts__ = None;
                let mut outputs__ = None;
                let mut events__ = None;
                let mut buffer_publishes__ = None;
                let mut wakeups__ = None;
                let mut retries__ = None;
                let mut outbox__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::Attempts => {
                            if attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempts"));
                            }
                            attempts__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Outputs => {
                            if outputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outputs"));
                            }
                            outputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BufferPublishes => {
                            if buffer_publishes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bufferPublishes"));
                            }
                            buffer_publishes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Wakeups => {
                            if wakeups__.is_some() {
                                return Err(serde::de::Error::duplicate_field("wakeups"));
                            }
                            wakeups__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retries => {
                            if retries__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retries"));
                            }
                            retries__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Outbox => {
                            if outbox__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outbox"));
                            }
                            outbox__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetTaskResponse {
                    task: task__,
                    attempts: attempts__.unwrap_or_default(),
                    outputs: outputs__.unwrap_or_default(),
                    events: events__.unwrap_or_default(),
                    buffer_publishes: buffer_publishes__.unwrap_or_default(),
                    wakeups: wakeups__.unwrap_or_default(),
                    retries: retries__.unwrap_or_default(),
                    outbox: outbox__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetThroughputRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.minutes != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetThroughputRequest", len)?;
        if self.minutes != 0 {
            struct_ser.serialize_field("minutes", &self.minutes)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetThroughputRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "minutes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Minutes,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "minutes" => Ok(GeneratedField::Minutes),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetThroughputRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetThroughputRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetThroughputRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut minutes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Minutes => {
                            if minutes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minutes"));
                            }
                            minutes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetThroughputRequest {
                    minutes: minutes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetThroughputRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetThroughputResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.buckets.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.GetThroughputResponse", len)?;
        if !self.buckets.is_empty() {
            struct_ser.serialize_field("buckets", &self.buckets)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetThroughputResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "buckets",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Buckets,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "buckets" => Ok(GeneratedField::Buckets),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetThroughputResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.GetThroughputResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetThroughputResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut buckets__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Buckets => {
                            if buckets__.is_some() {
                                return Err(serde::de::Error::duplicate_field("buckets"));
                            }
                            buckets__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(GetThroughputResponse {
                    buckets: buckets__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.GetThroughputResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HeartbeatRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.HeartbeatRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HeartbeatRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "delivery_id",
            "deliveryId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            DeliveryId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HeartbeatRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.HeartbeatRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HeartbeatRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut delivery_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(HeartbeatRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.HeartbeatRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HeartbeatResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if self.cancel_requested {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.HeartbeatResponse", len)?;
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("lease_expires_at", v)?;
        }
        if self.cancel_requested {
            struct_ser.serialize_field("cancel_requested", &self.cancel_requested)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HeartbeatResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "lease_expires_at",
            "leaseExpiresAt",
            "cancel_requested",
            "cancelRequested",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LeaseExpiresAt,
            CancelRequested,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "cancelRequested" | "cancel_requested" => Ok(GeneratedField::CancelRequested),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HeartbeatResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.HeartbeatResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HeartbeatResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut lease_expires_at__ = None;
                let mut cancel_requested__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::CancelRequested => {
                            if cancel_requested__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelRequested"));
                            }
                            cancel_requested__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(HeartbeatResponse {
                    lease_expires_at: lease_expires_at__,
                    cancel_requested: cancel_requested__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.HeartbeatResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HttpMethod {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "HTTP_METHOD_UNSPECIFIED",
            Self::Get => "HTTP_METHOD_GET",
            Self::Post => "HTTP_METHOD_POST",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for HttpMethod {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "HTTP_METHOD_UNSPECIFIED",
            "HTTP_METHOD_GET",
            "HTTP_METHOD_POST",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HttpMethod;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "HTTP_METHOD_UNSPECIFIED" => Ok(HttpMethod::Unspecified),
                    "HTTP_METHOD_GET" => Ok(HttpMethod::Get),
                    "HTTP_METHOD_POST" => Ok(HttpMethod::Post),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for HttpRoute {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.method != 0 {
            len += 1;
        }
        if !self.path.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.HttpRoute", len)?;
        if self.method != 0 {
            let v = HttpMethod::try_from(self.method)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.method)))?;
            struct_ser.serialize_field("method", &v)?;
        }
        if !self.path.is_empty() {
            struct_ser.serialize_field("path", &self.path)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HttpRoute {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "method",
            "path",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Method,
            Path,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "method" => Ok(GeneratedField::Method),
                            "path" => Ok(GeneratedField::Path),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HttpRoute;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.HttpRoute")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HttpRoute, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut method__ = None;
                let mut path__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Method => {
                            if method__.is_some() {
                                return Err(serde::de::Error::duplicate_field("method"));
                            }
                            method__ = Some(map_.next_value::<HttpMethod>()? as i32);
                        }
                        GeneratedField::Path => {
                            if path__.is_some() {
                                return Err(serde::de::Error::duplicate_field("path"));
                            }
                            path__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(HttpRoute {
                    method: method__.unwrap_or_default(),
                    path: path__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.HttpRoute", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Job {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.runtime != 0 {
            len += 1;
        }
        if !self.operator.is_empty() {
            len += 1;
        }
        if !self.bundle_sha256.is_empty() {
            len += 1;
        }
        if self.config.is_some() {
            len += 1;
        }
        if self.max_attempts != 0 {
            len += 1;
        }
        if self.timeout_seconds != 0 {
            len += 1;
        }
        if self.lease_ttl_seconds != 0 {
            len += 1;
        }
        if self.max_concurrency != 0 {
            len += 1;
        }
        if self.retry_base_seconds != 0 {
            len += 1;
        }
        if self.retry_max_seconds != 0 {
            len += 1;
        }
        if !self.inputs.is_empty() {
            len += 1;
        }
        if !self.datasets.is_empty() {
            len += 1;
        }
        if self.s3.is_some() {
            len += 1;
        }
        if !self.org_id.is_empty() {
            len += 1;
        }
        if self.paused {
            len += 1;
        }
        if !self.config_json.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.Job", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if self.runtime != 0 {
            let v = Runtime::try_from(self.runtime)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.runtime)))?;
            struct_ser.serialize_field("runtime", &v)?;
        }
        if !self.operator.is_empty() {
            struct_ser.serialize_field("operator", &self.operator)?;
        }
        if !self.bundle_sha256.is_empty() {
            struct_ser.serialize_field("bundle_sha256", &self.bundle_sha256)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if self.max_attempts != 0 {
            struct_ser.serialize_field("max_attempts", &self.max_attempts)?;
        }
        if self.timeout_seconds != 0 {
            struct_ser.serialize_field("timeout_seconds", &self.timeout_seconds)?;
        }
        if self.lease_ttl_seconds != 0 {
            struct_ser.serialize_field("lease_ttl_seconds", &self.lease_ttl_seconds)?;
        }
        if self.max_concurrency != 0 {
            struct_ser.serialize_field("max_concurrency", &self.max_concurrency)?;
        }
        if self.retry_base_seconds != 0 {
            struct_ser.serialize_field("retry_base_seconds", &self.retry_base_seconds)?;
        }
        if self.retry_max_seconds != 0 {
            struct_ser.serialize_field("retry_max_seconds", &self.retry_max_seconds)?;
        }
        if !self.inputs.is_empty() {
            struct_ser.serialize_field("inputs", &self.inputs)?;
        }
        if !self.datasets.is_empty() {
            struct_ser.serialize_field("datasets", &self.datasets)?;
        }
        if let Some(v) = self.s3.as_ref() {
            struct_ser.serialize_field("s3", v)?;
        }
        if !self.org_id.is_empty() {
            struct_ser.serialize_field("org_id", &self.org_id)?;
        }
        if self.paused {
            struct_ser.serialize_field("paused", &self.paused)?;
        }
        if !self.config_json.is_empty() {
            struct_ser.serialize_field("config_json", &self.config_json)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Job {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "dag_name",
            "dagName",
            "name",
            "runtime",
            "operator",
            "bundle_sha256",
            "bundleSha256",
            "config",
            "max_attempts",
            "maxAttempts",
            "timeout_seconds",
            "timeoutSeconds",
            "lease_ttl_seconds",
            "leaseTtlSeconds",
            "max_concurrency",
            "maxConcurrency",
            "retry_base_seconds",
            "retryBaseSeconds",
            "retry_max_seconds",
            "retryMaxSeconds",
            "inputs",
            "datasets",
            "s3",
            "org_id",
            "orgId",
            "paused",
            "config_json",
            "configJson",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            DagName,
            Name,
            Runtime,
            Operator,
            BundleSha256,
            Config,
            MaxAttempts,
            TimeoutSeconds,
            LeaseTtlSeconds,
            MaxConcurrency,
            RetryBaseSeconds,
            RetryMaxSeconds,
            Inputs,
            Datasets,
            S3,
            OrgId,
            Paused,
            ConfigJson,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            "runtime" => Ok(GeneratedField::Runtime),
                            "operator" => Ok(GeneratedField::Operator),
                            "bundleSha256" | "bundle_sha256" => Ok(GeneratedField::BundleSha256),
                            "config" => Ok(GeneratedField::Config),
                            "maxAttempts" | "max_attempts" => Ok(GeneratedField::MaxAttempts),
                            "timeoutSeconds" | "timeout_seconds" => Ok(GeneratedField::TimeoutSeconds),
                            "leaseTtlSeconds" | "lease_ttl_seconds" => Ok(GeneratedField::LeaseTtlSeconds),
                            "maxConcurrency" | "max_concurrency" => Ok(GeneratedField::MaxConcurrency),
                            "retryBaseSeconds" | "retry_base_seconds" => Ok(GeneratedField::RetryBaseSeconds),
                            "retryMaxSeconds" | "retry_max_seconds" => Ok(GeneratedField::RetryMaxSeconds),
                            "inputs" => Ok(GeneratedField::Inputs),
                            "datasets" => Ok(GeneratedField::Datasets),
                            "s3" => Ok(GeneratedField::S3),
                            "orgId" | "org_id" => Ok(GeneratedField::OrgId),
                            "paused" => Ok(GeneratedField::Paused),
                            "configJson" | "config_json" => Ok(GeneratedField::ConfigJson),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Job;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.Job")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Job, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut dag_name__ = None;
                let mut name__ = None;
                let mut runtime__ = None;
                let mut operator__ = None;
                let mut bundle_sha256__ = None;
                let mut config__ = None;
                let mut max_attempts__ = None;
                let mut timeout_seconds__ = None;
                let mut lease_ttl_seconds__ = None;
                let mut max_concurrency__ = None;
                let mut retry_base_seconds__ = None;
                let mut retry_max_seconds__ = None;
                let mut inputs__ = None;
                let mut datasets__ = None;
                let mut s3__ = None;
                let mut org_id__ = None;
                let mut paused__ = None;
                let mut config_json__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Runtime => {
                            if runtime__.is_some() {
                                return Err(serde::de::Error::duplicate_field("runtime"));
                            }
                            runtime__ = Some(map_.next_value::<Runtime>()? as i32);
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BundleSha256 => {
                            if bundle_sha256__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundleSha256"));
                            }
                            bundle_sha256__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Config => {
                            if config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("config"));
                            }
                            config__ = map_.next_value()?;
                        }
                        GeneratedField::MaxAttempts => {
                            if max_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxAttempts"));
                            }
                            max_attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TimeoutSeconds => {
                            if timeout_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeoutSeconds"));
                            }
                            timeout_seconds__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseTtlSeconds => {
                            if lease_ttl_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseTtlSeconds"));
                            }
                            lease_ttl_seconds__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MaxConcurrency => {
                            if max_concurrency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxConcurrency"));
                            }
                            max_concurrency__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::RetryBaseSeconds => {
                            if retry_base_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryBaseSeconds"));
                            }
                            retry_base_seconds__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::RetryMaxSeconds => {
                            if retry_max_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryMaxSeconds"));
                            }
                            retry_max_seconds__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Inputs => {
                            if inputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputs"));
                            }
                            inputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Datasets => {
                            if datasets__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasets"));
                            }
                            datasets__ = Some(map_.next_value()?);
                        }
                        GeneratedField::S3 => {
                            if s3__.is_some() {
                                return Err(serde::de::Error::duplicate_field("s3"));
                            }
                            s3__ = map_.next_value()?;
                        }
                        GeneratedField::OrgId => {
                            if org_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("orgId"));
                            }
                            org_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Paused => {
                            if paused__.is_some() {
                                return Err(serde::de::Error::duplicate_field("paused"));
                            }
                            paused__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ConfigJson => {
                            if config_json__.is_some() {
                                return Err(serde::de::Error::duplicate_field("configJson"));
                            }
                            config_json__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Job {
                    job_id: job_id__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    runtime: runtime__.unwrap_or_default(),
                    operator: operator__.unwrap_or_default(),
                    bundle_sha256: bundle_sha256__.unwrap_or_default(),
                    config: config__,
                    max_attempts: max_attempts__.unwrap_or_default(),
                    timeout_seconds: timeout_seconds__.unwrap_or_default(),
                    lease_ttl_seconds: lease_ttl_seconds__.unwrap_or_default(),
                    max_concurrency: max_concurrency__.unwrap_or_default(),
                    retry_base_seconds: retry_base_seconds__.unwrap_or_default(),
                    retry_max_seconds: retry_max_seconds__.unwrap_or_default(),
                    inputs: inputs__.unwrap_or_default(),
                    datasets: datasets__.unwrap_or_default(),
                    s3: s3__,
                    org_id: org_id__.unwrap_or_default(),
                    paused: paused__.unwrap_or_default(),
                    config_json: config_json__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.Job", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for JobInput {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_uuid.is_empty() {
            len += 1;
        }
        if self.all_versions {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.JobInput", len)?;
        if !self.dataset_uuid.is_empty() {
            struct_ser.serialize_field("dataset_uuid", &self.dataset_uuid)?;
        }
        if self.all_versions {
            struct_ser.serialize_field("all_versions", &self.all_versions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for JobInput {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_uuid",
            "datasetUuid",
            "all_versions",
            "allVersions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetUuid,
            AllVersions,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetUuid" | "dataset_uuid" => Ok(GeneratedField::DatasetUuid),
                            "allVersions" | "all_versions" => Ok(GeneratedField::AllVersions),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = JobInput;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.JobInput")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<JobInput, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_uuid__ = None;
                let mut all_versions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetUuid => {
                            if dataset_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetUuid"));
                            }
                            dataset_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AllVersions => {
                            if all_versions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("allVersions"));
                            }
                            all_versions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(JobInput {
                    dataset_uuid: dataset_uuid__.unwrap_or_default(),
                    all_versions: all_versions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.JobInput", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for JobRef {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.JobRef", len)?;
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for JobRef {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dag_name",
            "dagName",
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DagName,
            Name,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = JobRef;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.JobRef")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<JobRef, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dag_name__ = None;
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(JobRef {
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.JobRef", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListBundlesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListBundlesRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListBundlesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListBundlesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListBundlesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListBundlesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListBundlesRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListBundlesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListBundlesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.bundles.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListBundlesResponse", len)?;
        if !self.bundles.is_empty() {
            struct_ser.serialize_field("bundles", &self.bundles)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListBundlesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "bundles",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Bundles,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "bundles" => Ok(GeneratedField::Bundles),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListBundlesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListBundlesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListBundlesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut bundles__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Bundles => {
                            if bundles__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundles"));
                            }
                            bundles__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListBundlesResponse {
                    bundles: bundles__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListBundlesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListDatasetsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListDatasetsRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListDatasetsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListDatasetsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListDatasetsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListDatasetsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListDatasetsRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListDatasetsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListDatasetsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.datasets.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListDatasetsResponse", len)?;
        if !self.datasets.is_empty() {
            struct_ser.serialize_field("datasets", &self.datasets)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListDatasetsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "datasets",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Datasets,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasets" => Ok(GeneratedField::Datasets),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListDatasetsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListDatasetsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListDatasetsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut datasets__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Datasets => {
                            if datasets__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasets"));
                            }
                            datasets__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListDatasetsResponse {
                    datasets: datasets__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListDatasetsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListFailedOutboxRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListFailedOutboxRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListFailedOutboxRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListFailedOutboxRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListFailedOutboxRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListFailedOutboxRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListFailedOutboxRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListFailedOutboxRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListFailedOutboxResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.rows.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListFailedOutboxResponse", len)?;
        if !self.rows.is_empty() {
            struct_ser.serialize_field("rows", &self.rows)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListFailedOutboxResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rows",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rows,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rows" => Ok(GeneratedField::Rows),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListFailedOutboxResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListFailedOutboxResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListFailedOutboxResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rows__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rows => {
                            if rows__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rows"));
                            }
                            rows__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListFailedOutboxResponse {
                    rows: rows__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListFailedOutboxResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListJobsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.org_id.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListJobsRequest", len)?;
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.org_id.is_empty() {
            struct_ser.serialize_field("org_id", &self.org_id)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListJobsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dag_name",
            "dagName",
            "name",
            "org_id",
            "orgId",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DagName,
            Name,
            OrgId,
            PageSize,
            PageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            "orgId" | "org_id" => Ok(GeneratedField::OrgId),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListJobsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListJobsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListJobsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dag_name__ = None;
                let mut name__ = None;
                let mut org_id__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::OrgId => {
                            if org_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("orgId"));
                            }
                            org_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListJobsRequest {
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    org_id: org_id__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListJobsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListJobsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.jobs.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListJobsResponse", len)?;
        if !self.jobs.is_empty() {
            struct_ser.serialize_field("jobs", &self.jobs)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListJobsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "jobs",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Jobs,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobs" => Ok(GeneratedField::Jobs),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListJobsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListJobsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListJobsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut jobs__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Jobs => {
                            if jobs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobs"));
                            }
                            jobs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListJobsResponse {
                    jobs: jobs__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListJobsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListOutboxRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.kind.is_empty() {
            len += 1;
        }
        if !self.statuses.is_empty() {
            len += 1;
        }
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListOutboxRequest", len)?;
        if !self.kind.is_empty() {
            struct_ser.serialize_field("kind", &self.kind)?;
        }
        if !self.statuses.is_empty() {
            struct_ser.serialize_field("statuses", &self.statuses)?;
        }
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListOutboxRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "kind",
            "statuses",
            "task_id",
            "taskId",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Kind,
            Statuses,
            TaskId,
            PageSize,
            PageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "kind" => Ok(GeneratedField::Kind),
                            "statuses" => Ok(GeneratedField::Statuses),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListOutboxRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListOutboxRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListOutboxRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut kind__ = None;
                let mut statuses__ = None;
                let mut task_id__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Statuses => {
                            if statuses__.is_some() {
                                return Err(serde::de::Error::duplicate_field("statuses"));
                            }
                            statuses__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListOutboxRequest {
                    kind: kind__.unwrap_or_default(),
                    statuses: statuses__.unwrap_or_default(),
                    task_id: task_id__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListOutboxRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListOutboxResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.rows.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListOutboxResponse", len)?;
        if !self.rows.is_empty() {
            struct_ser.serialize_field("rows", &self.rows)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListOutboxResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rows",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rows,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rows" => Ok(GeneratedField::Rows),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListOutboxResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListOutboxResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListOutboxResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rows__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rows => {
                            if rows__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rows"));
                            }
                            rows__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListOutboxResponse {
                    rows: rows__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListOutboxResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTasksRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.states.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.job_name.is_empty() {
            len += 1;
        }
        if !self.created_after.is_empty() {
            len += 1;
        }
        if !self.created_before.is_empty() {
            len += 1;
        }
        if self.has_error.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListTasksRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.states.is_empty() {
            let v = self.states.iter().cloned().map(|v| {
                TaskState::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("states", &v)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("page_size", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("page_token", &self.page_token)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.job_name.is_empty() {
            struct_ser.serialize_field("job_name", &self.job_name)?;
        }
        if !self.created_after.is_empty() {
            struct_ser.serialize_field("created_after", &self.created_after)?;
        }
        if !self.created_before.is_empty() {
            struct_ser.serialize_field("created_before", &self.created_before)?;
        }
        if let Some(v) = self.has_error.as_ref() {
            struct_ser.serialize_field("has_error", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTasksRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "states",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "dag_name",
            "dagName",
            "job_name",
            "jobName",
            "created_after",
            "createdAfter",
            "created_before",
            "createdBefore",
            "has_error",
            "hasError",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            States,
            PageSize,
            PageToken,
            DagName,
            JobName,
            CreatedAfter,
            CreatedBefore,
            HasError,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "states" => Ok(GeneratedField::States),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "jobName" | "job_name" => Ok(GeneratedField::JobName),
                            "createdAfter" | "created_after" => Ok(GeneratedField::CreatedAfter),
                            "createdBefore" | "created_before" => Ok(GeneratedField::CreatedBefore),
                            "hasError" | "has_error" => Ok(GeneratedField::HasError),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTasksRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListTasksRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTasksRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut states__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut dag_name__ = None;
                let mut job_name__ = None;
                let mut created_after__ = None;
                let mut created_before__ = None;
                let mut has_error__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::States => {
                            if states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("states"));
                            }
                            states__ = Some(map_.next_value::<Vec<TaskState>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::JobName => {
                            if job_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobName"));
                            }
                            job_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAfter => {
                            if created_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAfter"));
                            }
                            created_after__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedBefore => {
                            if created_before__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdBefore"));
                            }
                            created_before__ = Some(map_.next_value()?);
                        }
                        GeneratedField::HasError => {
                            if has_error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hasError"));
                            }
                            has_error__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListTasksRequest {
                    job_id: job_id__.unwrap_or_default(),
                    states: states__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    job_name: job_name__.unwrap_or_default(),
                    created_after: created_after__.unwrap_or_default(),
                    created_before: created_before__.unwrap_or_default(),
                    has_error: has_error__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListTasksRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTasksResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.tasks.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ListTasksResponse", len)?;
        if !self.tasks.is_empty() {
            struct_ser.serialize_field("tasks", &self.tasks)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("next_page_token", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTasksResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "tasks",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Tasks,
            NextPageToken,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "tasks" => Ok(GeneratedField::Tasks),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTasksResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ListTasksResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTasksResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut tasks__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Tasks => {
                            if tasks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasks"));
                            }
                            tasks__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ListTasksResponse {
                    tasks: tasks__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ListTasksResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ManualRetry {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if !self.requested_by.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if !self.previous_state.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ManualRetry", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.requested_by.is_empty() {
            struct_ser.serialize_field("requested_by", &self.requested_by)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if !self.previous_state.is_empty() {
            struct_ser.serialize_field("previous_state", &self.previous_state)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ManualRetry {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "requested_by",
            "requestedBy",
            "reason",
            "previous_state",
            "previousState",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            RequestedBy,
            Reason,
            PreviousState,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "requestedBy" | "requested_by" => Ok(GeneratedField::RequestedBy),
                            "reason" => Ok(GeneratedField::Reason),
                            "previousState" | "previous_state" => Ok(GeneratedField::PreviousState),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ManualRetry;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ManualRetry")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ManualRetry, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut requested_by__ = None;
                let mut reason__ = None;
                let mut previous_state__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::RequestedBy => {
                            if requested_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("requestedBy"));
                            }
                            requested_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PreviousState => {
                            if previous_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("previousState"));
                            }
                            previous_state__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ManualRetry {
                    attempt: attempt__.unwrap_or_default(),
                    requested_by: requested_by__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    previous_state: previous_state__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ManualRetry", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for OutboxRow {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        if !self.kind.is_empty() {
            len += 1;
        }
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.status.is_empty() {
            len += 1;
        }
        if self.tries != 0 {
            len += 1;
        }
        if !self.last_error.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.next_attempt_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.OutboxRow", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        if !self.kind.is_empty() {
            struct_ser.serialize_field("kind", &self.kind)?;
        }
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.status.is_empty() {
            struct_ser.serialize_field("status", &self.status)?;
        }
        if self.tries != 0 {
            struct_ser.serialize_field("tries", &self.tries)?;
        }
        if !self.last_error.is_empty() {
            struct_ser.serialize_field("last_error", &self.last_error)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        if let Some(v) = self.next_attempt_at.as_ref() {
            struct_ser.serialize_field("next_attempt_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for OutboxRow {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "kind",
            "task_id",
            "taskId",
            "attempt",
            "status",
            "tries",
            "last_error",
            "lastError",
            "created_at",
            "createdAt",
            "next_attempt_at",
            "nextAttemptAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Kind,
            TaskId,
            Attempt,
            Status,
            Tries,
            LastError,
            CreatedAt,
            NextAttemptAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "kind" => Ok(GeneratedField::Kind),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "status" => Ok(GeneratedField::Status),
                            "tries" => Ok(GeneratedField::Tries),
                            "lastError" | "last_error" => Ok(GeneratedField::LastError),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "nextAttemptAt" | "next_attempt_at" => Ok(GeneratedField::NextAttemptAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = OutboxRow;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.OutboxRow")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<OutboxRow, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut kind__ = None;
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut status__ = None;
                let mut tries__ = None;
                let mut last_error__ = None;
                let mut created_at__ = None;
                let mut next_attempt_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Tries => {
                            if tries__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tries"));
                            }
                            tries__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LastError => {
                            if last_error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastError"));
                            }
                            last_error__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::NextAttemptAt => {
                            if next_attempt_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextAttemptAt"));
                            }
                            next_attempt_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(OutboxRow {
                    id: id__.unwrap_or_default(),
                    kind: kind__.unwrap_or_default(),
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    status: status__.unwrap_or_default(),
                    tries: tries__.unwrap_or_default(),
                    last_error: last_error__.unwrap_or_default(),
                    created_at: created_at__,
                    next_attempt_at: next_attempt_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.OutboxRow", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PauseJobRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.PauseJobRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PauseJobRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "dag_name",
            "dagName",
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            DagName,
            Name,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PauseJobRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.PauseJobRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PauseJobRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut dag_name__ = None;
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(PauseJobRequest {
                    job_id: job_id__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.PauseJobRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PauseJobResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.PauseJobResponse", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PauseJobResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PauseJobResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.PauseJobResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PauseJobResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(PauseJobResponse {
                    job: job__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.PauseJobResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PublishBufferRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if !self.batch_uri.is_empty() {
            len += 1;
        }
        if !self.content_type.is_empty() {
            len += 1;
        }
        if self.batch_size_bytes != 0 {
            len += 1;
        }
        if !self.dedupe_scope.is_empty() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.PublishBufferRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if !self.batch_uri.is_empty() {
            struct_ser.serialize_field("batch_uri", &self.batch_uri)?;
        }
        if !self.content_type.is_empty() {
            struct_ser.serialize_field("content_type", &self.content_type)?;
        }
        if self.batch_size_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batch_size_bytes", ToString::to_string(&self.batch_size_bytes).as_str())?;
        }
        if !self.dedupe_scope.is_empty() {
            struct_ser.serialize_field("dedupe_scope", &self.dedupe_scope)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PublishBufferRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "batch_uri",
            "batchUri",
            "content_type",
            "contentType",
            "batch_size_bytes",
            "batchSizeBytes",
            "dedupe_scope",
            "dedupeScope",
            "delivery_id",
            "deliveryId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            BatchUri,
            ContentType,
            BatchSizeBytes,
            DedupeScope,
            DeliveryId,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "batchUri" | "batch_uri" => Ok(GeneratedField::BatchUri),
                            "contentType" | "content_type" => Ok(GeneratedField::ContentType),
                            "batchSizeBytes" | "batch_size_bytes" => Ok(GeneratedField::BatchSizeBytes),
                            "dedupeScope" | "dedupe_scope" => Ok(GeneratedField::DedupeScope),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PublishBufferRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.PublishBufferRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PublishBufferRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut batch_uri__ = None;
                let mut content_type__ = None;
                let mut batch_size_bytes__ = None;
                let mut dedupe_scope__ = None;
                let mut delivery_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BatchUri => {
                            if batch_uri__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchUri"));
                            }
                            batch_uri__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ContentType => {
                            if content_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("contentType"));
                            }
                            content_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BatchSizeBytes => {
                            if batch_size_bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchSizeBytes"));
                            }
                            batch_size_bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DedupeScope => {
                            if dedupe_scope__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dedupeScope"));
                            }
                            dedupe_scope__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(PublishBufferRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    batch_uri: batch_uri__.unwrap_or_default(),
                    content_type: content_type__.unwrap_or_default(),
                    batch_size_bytes: batch_size_bytes__.unwrap_or_default(),
                    dedupe_scope: dedupe_scope__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.PublishBufferRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PublishBufferResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.duplicate {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.PublishBufferResponse", len)?;
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PublishBufferResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "duplicate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Duplicate,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PublishBufferResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.PublishBufferResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PublishBufferResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut duplicate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(PublishBufferResponse {
                    duplicate: duplicate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.PublishBufferResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PublishedVersion {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dataset_version.is_empty() {
            len += 1;
        }
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if self.make_current {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.PublishedVersion", len)?;
        if !self.dataset_version.is_empty() {
            struct_ser.serialize_field("dataset_version", &self.dataset_version)?;
        }
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if self.make_current {
            struct_ser.serialize_field("make_current", &self.make_current)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PublishedVersion {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dataset_version",
            "datasetVersion",
            "task_id",
            "taskId",
            "attempt",
            "make_current",
            "makeCurrent",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DatasetVersion,
            TaskId,
            Attempt,
            MakeCurrent,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "datasetVersion" | "dataset_version" => Ok(GeneratedField::DatasetVersion),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "makeCurrent" | "make_current" => Ok(GeneratedField::MakeCurrent),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PublishedVersion;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.PublishedVersion")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PublishedVersion, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dataset_version__ = None;
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut make_current__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DatasetVersion => {
                            if dataset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetVersion"));
                            }
                            dataset_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MakeCurrent => {
                            if make_current__.is_some() {
                                return Err(serde::de::Error::duplicate_field("makeCurrent"));
                            }
                            make_current__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(PublishedVersion {
                    dataset_version: dataset_version__.unwrap_or_default(),
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    make_current: make_current__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.PublishedVersion", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for QueryColumn {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.r#type.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.QueryColumn", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.r#type.is_empty() {
            struct_ser.serialize_field("type", &self.r#type)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for QueryColumn {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "type",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Type,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "type" => Ok(GeneratedField::Type),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = QueryColumn;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.QueryColumn")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<QueryColumn, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut r#type__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Type => {
                            if r#type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("type"));
                            }
                            r#type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(QueryColumn {
                    name: name__.unwrap_or_default(),
                    r#type: r#type__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.QueryColumn", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for QueryRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.dataset.is_empty() {
            len += 1;
        }
        if !self.sql.is_empty() {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.QueryRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.dataset.is_empty() {
            struct_ser.serialize_field("dataset", &self.dataset)?;
        }
        if !self.sql.is_empty() {
            struct_ser.serialize_field("sql", &self.sql)?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for QueryRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "dataset",
            "sql",
            "limit",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            Dataset,
            Sql,
            Limit,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "dataset" => Ok(GeneratedField::Dataset),
                            "sql" => Ok(GeneratedField::Sql),
                            "limit" => Ok(GeneratedField::Limit),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = QueryRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.QueryRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<QueryRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut dataset__ = None;
                let mut sql__ = None;
                let mut limit__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Dataset => {
                            if dataset__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dataset"));
                            }
                            dataset__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sql => {
                            if sql__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sql"));
                            }
                            sql__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(QueryRequest {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    dataset: dataset__.unwrap_or_default(),
                    sql: sql__.unwrap_or_default(),
                    limit: limit__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.QueryRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for QueryResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.columns.is_empty() {
            len += 1;
        }
        if !self.rows.is_empty() {
            len += 1;
        }
        if self.truncated {
            len += 1;
        }
        if self.row_count != 0 {
            len += 1;
        }
        if self.byte_count != 0 {
            len += 1;
        }
        if !self.dataset_version.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.QueryResponse", len)?;
        if !self.columns.is_empty() {
            struct_ser.serialize_field("columns", &self.columns)?;
        }
        if !self.rows.is_empty() {
            struct_ser.serialize_field("rows", &self.rows)?;
        }
        if self.truncated {
            struct_ser.serialize_field("truncated", &self.truncated)?;
        }
        if self.row_count != 0 {
            struct_ser.serialize_field("row_count", &self.row_count)?;
        }
        if self.byte_count != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("byte_count", ToString::to_string(&self.byte_count).as_str())?;
        }
        if !self.dataset_version.is_empty() {
            struct_ser.serialize_field("dataset_version", &self.dataset_version)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for QueryResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "columns",
            "rows",
            "truncated",
            "row_count",
            "rowCount",
            "byte_count",
            "byteCount",
            "dataset_version",
            "datasetVersion",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Columns,
            Rows,
            Truncated,
            RowCount,
            ByteCount,
            DatasetVersion,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "columns" => Ok(GeneratedField::Columns),
                            "rows" => Ok(GeneratedField::Rows),
                            "truncated" => Ok(GeneratedField::Truncated),
                            "rowCount" | "row_count" => Ok(GeneratedField::RowCount),
                            "byteCount" | "byte_count" => Ok(GeneratedField::ByteCount),
                            "datasetVersion" | "dataset_version" => Ok(GeneratedField::DatasetVersion),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = QueryResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.QueryResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<QueryResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut columns__ = None;
                let mut rows__ = None;
                let mut truncated__ = None;
                let mut row_count__ = None;
                let mut byte_count__ = None;
                let mut dataset_version__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Columns => {
                            if columns__.is_some() {
                                return Err(serde::de::Error::duplicate_field("columns"));
                            }
                            columns__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Rows => {
                            if rows__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rows"));
                            }
                            rows__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Truncated => {
                            if truncated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("truncated"));
                            }
                            truncated__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RowCount => {
                            if row_count__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rowCount"));
                            }
                            row_count__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ByteCount => {
                            if byte_count__.is_some() {
                                return Err(serde::de::Error::duplicate_field("byteCount"));
                            }
                            byte_count__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DatasetVersion => {
                            if dataset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("datasetVersion"));
                            }
                            dataset_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(QueryResponse {
                    columns: columns__.unwrap_or_default(),
                    rows: rows__.unwrap_or_default(),
                    truncated: truncated__.unwrap_or_default(),
                    row_count: row_count__.unwrap_or_default(),
                    byte_count: byte_count__.unwrap_or_default(),
                    dataset_version: dataset_version__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.QueryResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for QueuedWakeup {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if self.visible_at.is_some() {
            len += 1;
        }
        if self.receives != 0 {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.QueuedWakeup", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if let Some(v) = self.visible_at.as_ref() {
            struct_ser.serialize_field("visible_at", v)?;
        }
        if self.receives != 0 {
            struct_ser.serialize_field("receives", &self.receives)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for QueuedWakeup {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "visible_at",
            "visibleAt",
            "receives",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            VisibleAt,
            Receives,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "visibleAt" | "visible_at" => Ok(GeneratedField::VisibleAt),
                            "receives" => Ok(GeneratedField::Receives),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = QueuedWakeup;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.QueuedWakeup")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<QueuedWakeup, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut visible_at__ = None;
                let mut receives__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::VisibleAt => {
                            if visible_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("visibleAt"));
                            }
                            visible_at__ = map_.next_value()?;
                        }
                        GeneratedField::Receives => {
                            if receives__.is_some() {
                                return Err(serde::de::Error::duplicate_field("receives"));
                            }
                            receives__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(QueuedWakeup {
                    attempt: attempt__.unwrap_or_default(),
                    visible_at: visible_at__,
                    receives: receives__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.QueuedWakeup", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordedBufferPublish {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if !self.batch_uri.is_empty() {
            len += 1;
        }
        if !self.content_type.is_empty() {
            len += 1;
        }
        if self.batch_size_bytes != 0 {
            len += 1;
        }
        if !self.dedupe_scope.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RecordedBufferPublish", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.batch_uri.is_empty() {
            struct_ser.serialize_field("batch_uri", &self.batch_uri)?;
        }
        if !self.content_type.is_empty() {
            struct_ser.serialize_field("content_type", &self.content_type)?;
        }
        if self.batch_size_bytes != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("batch_size_bytes", ToString::to_string(&self.batch_size_bytes).as_str())?;
        }
        if !self.dedupe_scope.is_empty() {
            struct_ser.serialize_field("dedupe_scope", &self.dedupe_scope)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordedBufferPublish {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "batch_uri",
            "batchUri",
            "content_type",
            "contentType",
            "batch_size_bytes",
            "batchSizeBytes",
            "dedupe_scope",
            "dedupeScope",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            BatchUri,
            ContentType,
            BatchSizeBytes,
            DedupeScope,
            CreatedAt,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "batchUri" | "batch_uri" => Ok(GeneratedField::BatchUri),
                            "contentType" | "content_type" => Ok(GeneratedField::ContentType),
                            "batchSizeBytes" | "batch_size_bytes" => Ok(GeneratedField::BatchSizeBytes),
                            "dedupeScope" | "dedupe_scope" => Ok(GeneratedField::DedupeScope),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordedBufferPublish;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RecordedBufferPublish")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordedBufferPublish, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut batch_uri__ = None;
                let mut content_type__ = None;
                let mut batch_size_bytes__ = None;
                let mut dedupe_scope__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::BatchUri => {
                            if batch_uri__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchUri"));
                            }
                            batch_uri__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ContentType => {
                            if content_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("contentType"));
                            }
                            content_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BatchSizeBytes => {
                            if batch_size_bytes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("batchSizeBytes"));
                            }
                            batch_size_bytes__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DedupeScope => {
                            if dedupe_scope__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dedupeScope"));
                            }
                            dedupe_scope__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RecordedBufferPublish {
                    attempt: attempt__.unwrap_or_default(),
                    batch_uri: batch_uri__.unwrap_or_default(),
                    content_type: content_type__.unwrap_or_default(),
                    batch_size_bytes: batch_size_bytes__.unwrap_or_default(),
                    dedupe_scope: dedupe_scope__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RecordedBufferPublish", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordedOutput {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attempt != 0 {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.value.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RecordedOutput", len)?;
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.value.as_ref() {
            struct_ser.serialize_field("value", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordedOutput {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attempt",
            "name",
            "value",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attempt,
            Name,
            Value,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attempt" => Ok(GeneratedField::Attempt),
                            "name" => Ok(GeneratedField::Name),
                            "value" => Ok(GeneratedField::Value),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordedOutput;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RecordedOutput")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordedOutput, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attempt__ = None;
                let mut name__ = None;
                let mut value__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Value => {
                            if value__.is_some() {
                                return Err(serde::de::Error::duplicate_field("value"));
                            }
                            value__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RecordedOutput {
                    attempt: attempt__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    value: value__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RecordedOutput", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterBundleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.bundle.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RegisterBundleRequest", len)?;
        if let Some(v) = self.bundle.as_ref() {
            struct_ser.serialize_field("bundle", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterBundleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "bundle",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Bundle,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "bundle" => Ok(GeneratedField::Bundle),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterBundleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RegisterBundleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterBundleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut bundle__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Bundle => {
                            if bundle__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundle"));
                            }
                            bundle__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RegisterBundleRequest {
                    bundle: bundle__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RegisterBundleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterBundleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.bundle.is_some() {
            len += 1;
        }
        if self.created {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RegisterBundleResponse", len)?;
        if let Some(v) = self.bundle.as_ref() {
            struct_ser.serialize_field("bundle", v)?;
        }
        if self.created {
            struct_ser.serialize_field("created", &self.created)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterBundleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "bundle",
            "created",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Bundle,
            Created,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "bundle" => Ok(GeneratedField::Bundle),
                            "created" => Ok(GeneratedField::Created),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterBundleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RegisterBundleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterBundleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut bundle__ = None;
                let mut created__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Bundle => {
                            if bundle__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundle"));
                            }
                            bundle__ = map_.next_value()?;
                        }
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RegisterBundleResponse {
                    bundle: bundle__,
                    created: created__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RegisterBundleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterJobRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RegisterJobRequest", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterJobRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterJobRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RegisterJobRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterJobRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RegisterJobRequest {
                    job: job__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RegisterJobRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterJobResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        if self.created {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RegisterJobResponse", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if self.created {
            struct_ser.serialize_field("created", &self.created)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterJobResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
            "created",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            Created,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            "created" => Ok(GeneratedField::Created),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterJobResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RegisterJobResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterJobResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                let mut created__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RegisterJobResponse {
                    job: job__,
                    created: created__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RegisterJobResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReplayOutboxRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ReplayOutboxRequest", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReplayOutboxRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReplayOutboxRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ReplayOutboxRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReplayOutboxRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ReplayOutboxRequest {
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ReplayOutboxRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReplayOutboxResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.row.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ReplayOutboxResponse", len)?;
        if let Some(v) = self.row.as_ref() {
            struct_ser.serialize_field("row", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReplayOutboxResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "row",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Row,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "row" => Ok(GeneratedField::Row),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReplayOutboxResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ReplayOutboxResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReplayOutboxResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut row__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Row => {
                            if row__.is_some() {
                                return Err(serde::de::Error::duplicate_field("row"));
                            }
                            row__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ReplayOutboxResponse {
                    row: row__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ReplayOutboxResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResumeJobRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ResumeJobRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResumeJobRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "dag_name",
            "dagName",
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            DagName,
            Name,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResumeJobRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ResumeJobRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResumeJobRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut dag_name__ = None;
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ResumeJobRequest {
                    job_id: job_id__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ResumeJobRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResumeJobResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ResumeJobResponse", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResumeJobResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResumeJobResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ResumeJobResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResumeJobResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ResumeJobResponse {
                    job: job__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ResumeJobResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RetryTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.requested_by.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RetryTaskRequest", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if !self.requested_by.is_empty() {
            struct_ser.serialize_field("requested_by", &self.requested_by)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RetryTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "requested_by",
            "requestedBy",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            RequestedBy,
            Reason,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "requestedBy" | "requested_by" => Ok(GeneratedField::RequestedBy),
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RetryTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RetryTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RetryTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut requested_by__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RequestedBy => {
                            if requested_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("requestedBy"));
                            }
                            requested_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RetryTaskRequest {
                    task_id: task_id__.unwrap_or_default(),
                    requested_by: requested_by__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RetryTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RetryTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.RetryTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RetryTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RetryTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.RetryTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RetryTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RetryTaskResponse {
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.RetryTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Runtime {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "RUNTIME_UNSPECIFIED",
            Self::Lambda => "RUNTIME_LAMBDA",
            Self::Worker => "RUNTIME_WORKER",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Runtime {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "RUNTIME_UNSPECIFIED",
            "RUNTIME_LAMBDA",
            "RUNTIME_WORKER",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Runtime;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "RUNTIME_UNSPECIFIED" => Ok(Runtime::Unspecified),
                    "RUNTIME_LAMBDA" => Ok(Runtime::Lambda),
                    "RUNTIME_WORKER" => Ok(Runtime::Worker),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for S3Grants {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.read_prefixes.is_empty() {
            len += 1;
        }
        if !self.write_prefixes.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.S3Grants", len)?;
        if !self.read_prefixes.is_empty() {
            struct_ser.serialize_field("read_prefixes", &self.read_prefixes)?;
        }
        if !self.write_prefixes.is_empty() {
            struct_ser.serialize_field("write_prefixes", &self.write_prefixes)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for S3Grants {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "read_prefixes",
            "readPrefixes",
            "write_prefixes",
            "writePrefixes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ReadPrefixes,
            WritePrefixes,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "readPrefixes" | "read_prefixes" => Ok(GeneratedField::ReadPrefixes),
                            "writePrefixes" | "write_prefixes" => Ok(GeneratedField::WritePrefixes),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = S3Grants;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.S3Grants")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<S3Grants, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut read_prefixes__ = None;
                let mut write_prefixes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ReadPrefixes => {
                            if read_prefixes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("readPrefixes"));
                            }
                            read_prefixes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::WritePrefixes => {
                            if write_prefixes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("writePrefixes"));
                            }
                            write_prefixes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(S3Grants {
                    read_prefixes: read_prefixes__.unwrap_or_default(),
                    write_prefixes: write_prefixes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.S3Grants", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Task {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if !self.job_id.is_empty() {
            len += 1;
        }
        if self.job.is_some() {
            len += 1;
        }
        if self.state != 0 {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if self.max_attempts != 0 {
            len += 1;
        }
        if !self.dedupe_key.is_empty() {
            len += 1;
        }
        if !self.inputs.is_empty() {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if self.cancel_requested {
            len += 1;
        }
        if self.next_retry_at.is_some() {
            len += 1;
        }
        if !self.last_error.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if self.params.is_some() {
            len += 1;
        }
        if !self.cancel_reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.Task", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if self.state != 0 {
            let v = TaskState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if self.max_attempts != 0 {
            struct_ser.serialize_field("max_attempts", &self.max_attempts)?;
        }
        if !self.dedupe_key.is_empty() {
            struct_ser.serialize_field("dedupe_key", &self.dedupe_key)?;
        }
        if !self.inputs.is_empty() {
            struct_ser.serialize_field("inputs", &self.inputs)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("lease_expires_at", v)?;
        }
        if self.cancel_requested {
            struct_ser.serialize_field("cancel_requested", &self.cancel_requested)?;
        }
        if let Some(v) = self.next_retry_at.as_ref() {
            struct_ser.serialize_field("next_retry_at", v)?;
        }
        if !self.last_error.is_empty() {
            struct_ser.serialize_field("last_error", &self.last_error)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updated_at", v)?;
        }
        if let Some(v) = self.params.as_ref() {
            struct_ser.serialize_field("params", v)?;
        }
        if !self.cancel_reason.is_empty() {
            struct_ser.serialize_field("cancel_reason", &self.cancel_reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Task {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "job_id",
            "jobId",
            "job",
            "state",
            "attempt",
            "max_attempts",
            "maxAttempts",
            "dedupe_key",
            "dedupeKey",
            "inputs",
            "lease_expires_at",
            "leaseExpiresAt",
            "cancel_requested",
            "cancelRequested",
            "next_retry_at",
            "nextRetryAt",
            "last_error",
            "lastError",
            "created_at",
            "createdAt",
            "updated_at",
            "updatedAt",
            "params",
            "cancel_reason",
            "cancelReason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            JobId,
            Job,
            State,
            Attempt,
            MaxAttempts,
            DedupeKey,
            Inputs,
            LeaseExpiresAt,
            CancelRequested,
            NextRetryAt,
            LastError,
            CreatedAt,
            UpdatedAt,
            Params,
            CancelReason,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "job" => Ok(GeneratedField::Job),
                            "state" => Ok(GeneratedField::State),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "maxAttempts" | "max_attempts" => Ok(GeneratedField::MaxAttempts),
                            "dedupeKey" | "dedupe_key" => Ok(GeneratedField::DedupeKey),
                            "inputs" => Ok(GeneratedField::Inputs),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "cancelRequested" | "cancel_requested" => Ok(GeneratedField::CancelRequested),
                            "nextRetryAt" | "next_retry_at" => Ok(GeneratedField::NextRetryAt),
                            "lastError" | "last_error" => Ok(GeneratedField::LastError),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "params" => Ok(GeneratedField::Params),
                            "cancelReason" | "cancel_reason" => Ok(GeneratedField::CancelReason),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Task;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.Task")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Task, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut job_id__ = None;
                let mut job__ = None;
                let mut state__ = None;
                let mut attempt__ = None;
                let mut max_attempts__ = None;
                let mut dedupe_key__ = None;
                let mut inputs__ = None;
                let mut lease_expires_at__ = None;
                let mut cancel_requested__ = None;
                let mut next_retry_at__ = None;
                let mut last_error__ = None;
                let mut created_at__ = None;
                let mut updated_at__ = None;
                let mut params__ = None;
                let mut cancel_reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MaxAttempts => {
                            if max_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxAttempts"));
                            }
                            max_attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DedupeKey => {
                            if dedupe_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dedupeKey"));
                            }
                            dedupe_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Inputs => {
                            if inputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputs"));
                            }
                            inputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::CancelRequested => {
                            if cancel_requested__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelRequested"));
                            }
                            cancel_requested__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextRetryAt => {
                            if next_retry_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryAt"));
                            }
                            next_retry_at__ = map_.next_value()?;
                        }
                        GeneratedField::LastError => {
                            if last_error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastError"));
                            }
                            last_error__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::Params => {
                            if params__.is_some() {
                                return Err(serde::de::Error::duplicate_field("params"));
                            }
                            params__ = map_.next_value()?;
                        }
                        GeneratedField::CancelReason => {
                            if cancel_reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelReason"));
                            }
                            cancel_reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Task {
                    task_id: task_id__.unwrap_or_default(),
                    job_id: job_id__.unwrap_or_default(),
                    job: job__,
                    state: state__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    max_attempts: max_attempts__.unwrap_or_default(),
                    dedupe_key: dedupe_key__.unwrap_or_default(),
                    inputs: inputs__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    cancel_requested: cancel_requested__.unwrap_or_default(),
                    next_retry_at: next_retry_at__,
                    last_error: last_error__.unwrap_or_default(),
                    created_at: created_at__,
                    updated_at: updated_at__,
                    params: params__,
                    cancel_reason: cancel_reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.Task", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TaskCounts {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.queued != 0 {
            len += 1;
        }
        if self.running != 0 {
            len += 1;
        }
        if self.completed != 0 {
            len += 1;
        }
        if self.failed != 0 {
            len += 1;
        }
        if self.canceled != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.TaskCounts", len)?;
        if self.queued != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("queued", ToString::to_string(&self.queued).as_str())?;
        }
        if self.running != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("running", ToString::to_string(&self.running).as_str())?;
        }
        if self.completed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("completed", ToString::to_string(&self.completed).as_str())?;
        }
        if self.failed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("failed", ToString::to_string(&self.failed).as_str())?;
        }
        if self.canceled != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("canceled", ToString::to_string(&self.canceled).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TaskCounts {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "queued",
            "running",
            "completed",
            "failed",
            "canceled",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Queued,
            Running,
            Completed,
            Failed,
            Canceled,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "queued" => Ok(GeneratedField::Queued),
                            "running" => Ok(GeneratedField::Running),
                            "completed" => Ok(GeneratedField::Completed),
                            "failed" => Ok(GeneratedField::Failed),
                            "canceled" => Ok(GeneratedField::Canceled),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskCounts;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.TaskCounts")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TaskCounts, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut queued__ = None;
                let mut running__ = None;
                let mut completed__ = None;
                let mut failed__ = None;
                let mut canceled__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Queued => {
                            if queued__.is_some() {
                                return Err(serde::de::Error::duplicate_field("queued"));
                            }
                            queued__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Running => {
                            if running__.is_some() {
                                return Err(serde::de::Error::duplicate_field("running"));
                            }
                            running__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Completed => {
                            if completed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completed"));
                            }
                            completed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Failed => {
                            if failed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failed"));
                            }
                            failed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Canceled => {
                            if canceled__.is_some() {
                                return Err(serde::de::Error::duplicate_field("canceled"));
                            }
                            canceled__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(TaskCounts {
                    queued: queued__.unwrap_or_default(),
                    running: running__.unwrap_or_default(),
                    completed: completed__.unwrap_or_default(),
                    failed: failed__.unwrap_or_default(),
                    canceled: canceled__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.TaskCounts", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TaskInvocation {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_id.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if !self.lease_token.is_empty() {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if !self.capability_token.is_empty() {
            len += 1;
        }
        if !self.bundle_url.is_empty() {
            len += 1;
        }
        if !self.bundle_sha256.is_empty() {
            len += 1;
        }
        if self.job.is_some() {
            len += 1;
        }
        if !self.operator.is_empty() {
            len += 1;
        }
        if self.config.is_some() {
            len += 1;
        }
        if !self.inputs.is_empty() {
            len += 1;
        }
        if !self.delivery_id.is_empty() {
            len += 1;
        }
        if self.params.is_some() {
            len += 1;
        }
        if !self.config_json.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.TaskInvocation", len)?;
        if !self.task_id.is_empty() {
            struct_ser.serialize_field("task_id", &self.task_id)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if !self.lease_token.is_empty() {
            struct_ser.serialize_field("lease_token", &self.lease_token)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("lease_expires_at", v)?;
        }
        if !self.capability_token.is_empty() {
            struct_ser.serialize_field("capability_token", &self.capability_token)?;
        }
        if !self.bundle_url.is_empty() {
            struct_ser.serialize_field("bundle_url", &self.bundle_url)?;
        }
        if !self.bundle_sha256.is_empty() {
            struct_ser.serialize_field("bundle_sha256", &self.bundle_sha256)?;
        }
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        if !self.operator.is_empty() {
            struct_ser.serialize_field("operator", &self.operator)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if !self.inputs.is_empty() {
            struct_ser.serialize_field("inputs", &self.inputs)?;
        }
        if !self.delivery_id.is_empty() {
            struct_ser.serialize_field("delivery_id", &self.delivery_id)?;
        }
        if let Some(v) = self.params.as_ref() {
            struct_ser.serialize_field("params", v)?;
        }
        if !self.config_json.is_empty() {
            struct_ser.serialize_field("config_json", &self.config_json)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TaskInvocation {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_id",
            "taskId",
            "attempt",
            "lease_token",
            "leaseToken",
            "lease_expires_at",
            "leaseExpiresAt",
            "capability_token",
            "capabilityToken",
            "bundle_url",
            "bundleUrl",
            "bundle_sha256",
            "bundleSha256",
            "job",
            "operator",
            "config",
            "inputs",
            "delivery_id",
            "deliveryId",
            "params",
            "config_json",
            "configJson",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskId,
            Attempt,
            LeaseToken,
            LeaseExpiresAt,
            CapabilityToken,
            BundleUrl,
            BundleSha256,
            Job,
            Operator,
            Config,
            Inputs,
            DeliveryId,
            Params,
            ConfigJson,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseToken" | "lease_token" => Ok(GeneratedField::LeaseToken),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "capabilityToken" | "capability_token" => Ok(GeneratedField::CapabilityToken),
                            "bundleUrl" | "bundle_url" => Ok(GeneratedField::BundleUrl),
                            "bundleSha256" | "bundle_sha256" => Ok(GeneratedField::BundleSha256),
                            "job" => Ok(GeneratedField::Job),
                            "operator" => Ok(GeneratedField::Operator),
                            "config" => Ok(GeneratedField::Config),
                            "inputs" => Ok(GeneratedField::Inputs),
                            "deliveryId" | "delivery_id" => Ok(GeneratedField::DeliveryId),
                            "params" => Ok(GeneratedField::Params),
                            "configJson" | "config_json" => Ok(GeneratedField::ConfigJson),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskInvocation;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.TaskInvocation")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TaskInvocation, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_id__ = None;
                let mut attempt__ = None;
                let mut lease_token__ = None;
                let mut lease_expires_at__ = None;
                let mut capability_token__ = None;
                let mut bundle_url__ = None;
                let mut bundle_sha256__ = None;
                let mut job__ = None;
                let mut operator__ = None;
                let mut config__ = None;
                let mut inputs__ = None;
                let mut delivery_id__ = None;
                let mut params__ = None;
                let mut config_json__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseToken => {
                            if lease_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseToken"));
                            }
                            lease_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::CapabilityToken => {
                            if capability_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("capabilityToken"));
                            }
                            capability_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BundleUrl => {
                            if bundle_url__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundleUrl"));
                            }
                            bundle_url__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BundleSha256 => {
                            if bundle_sha256__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundleSha256"));
                            }
                            bundle_sha256__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Config => {
                            if config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("config"));
                            }
                            config__ = map_.next_value()?;
                        }
                        GeneratedField::Inputs => {
                            if inputs__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inputs"));
                            }
                            inputs__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DeliveryId => {
                            if delivery_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deliveryId"));
                            }
                            delivery_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Params => {
                            if params__.is_some() {
                                return Err(serde::de::Error::duplicate_field("params"));
                            }
                            params__ = map_.next_value()?;
                        }
                        GeneratedField::ConfigJson => {
                            if config_json__.is_some() {
                                return Err(serde::de::Error::duplicate_field("configJson"));
                            }
                            config_json__ = Some(map_.next_value()?);
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(TaskInvocation {
                    task_id: task_id__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_token: lease_token__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    capability_token: capability_token__.unwrap_or_default(),
                    bundle_url: bundle_url__.unwrap_or_default(),
                    bundle_sha256: bundle_sha256__.unwrap_or_default(),
                    job: job__,
                    operator: operator__.unwrap_or_default(),
                    config: config__,
                    inputs: inputs__.unwrap_or_default(),
                    delivery_id: delivery_id__.unwrap_or_default(),
                    params: params__,
                    config_json: config_json__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.TaskInvocation", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TaskOutput {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if self.value.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.TaskOutput", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.value.as_ref() {
            struct_ser.serialize_field("value", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TaskOutput {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "value",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Value,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "value" => Ok(GeneratedField::Value),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskOutput;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.TaskOutput")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TaskOutput, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut value__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Value => {
                            if value__.is_some() {
                                return Err(serde::de::Error::duplicate_field("value"));
                            }
                            value__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(TaskOutput {
                    name: name__.unwrap_or_default(),
                    value: value__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.TaskOutput", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TaskState {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "TASK_STATE_UNSPECIFIED",
            Self::Queued => "TASK_STATE_QUEUED",
            Self::Running => "TASK_STATE_RUNNING",
            Self::Completed => "TASK_STATE_COMPLETED",
            Self::Failed => "TASK_STATE_FAILED",
            Self::Canceled => "TASK_STATE_CANCELED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for TaskState {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "TASK_STATE_UNSPECIFIED",
            "TASK_STATE_QUEUED",
            "TASK_STATE_RUNNING",
            "TASK_STATE_COMPLETED",
            "TASK_STATE_FAILED",
            "TASK_STATE_CANCELED",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskState;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "TASK_STATE_UNSPECIFIED" => Ok(TaskState::Unspecified),
                    "TASK_STATE_QUEUED" => Ok(TaskState::Queued),
                    "TASK_STATE_RUNNING" => Ok(TaskState::Running),
                    "TASK_STATE_COMPLETED" => Ok(TaskState::Completed),
                    "TASK_STATE_FAILED" => Ok(TaskState::Failed),
                    "TASK_STATE_CANCELED" => Ok(TaskState::Canceled),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for TaskStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "TASK_STATUS_UNSPECIFIED",
            Self::Completed => "TASK_STATUS_COMPLETED",
            Self::Failed => "TASK_STATUS_FAILED",
            Self::Canceled => "TASK_STATUS_CANCELED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for TaskStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "TASK_STATUS_UNSPECIFIED",
            "TASK_STATUS_COMPLETED",
            "TASK_STATUS_FAILED",
            "TASK_STATUS_CANCELED",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "TASK_STATUS_UNSPECIFIED" => Ok(TaskStatus::Unspecified),
                    "TASK_STATUS_COMPLETED" => Ok(TaskStatus::Completed),
                    "TASK_STATUS_FAILED" => Ok(TaskStatus::Failed),
                    "TASK_STATUS_CANCELED" => Ok(TaskStatus::Canceled),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ThroughputBucket {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.minute.is_some() {
            len += 1;
        }
        if self.completed != 0 {
            len += 1;
        }
        if self.failed != 0 {
            len += 1;
        }
        if self.other != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.ThroughputBucket", len)?;
        if let Some(v) = self.minute.as_ref() {
            struct_ser.serialize_field("minute", v)?;
        }
        if self.completed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("completed", ToString::to_string(&self.completed).as_str())?;
        }
        if self.failed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("failed", ToString::to_string(&self.failed).as_str())?;
        }
        if self.other != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("other", ToString::to_string(&self.other).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ThroughputBucket {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "minute",
            "completed",
            "failed",
            "other",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Minute,
            Completed,
            Failed,
            Other,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "minute" => Ok(GeneratedField::Minute),
                            "completed" => Ok(GeneratedField::Completed),
                            "failed" => Ok(GeneratedField::Failed),
                            "other" => Ok(GeneratedField::Other),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ThroughputBucket;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.ThroughputBucket")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ThroughputBucket, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut minute__ = None;
                let mut completed__ = None;
                let mut failed__ = None;
                let mut other__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Minute => {
                            if minute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minute"));
                            }
                            minute__ = map_.next_value()?;
                        }
                        GeneratedField::Completed => {
                            if completed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completed"));
                            }
                            completed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Failed => {
                            if failed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failed"));
                            }
                            failed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Other => {
                            if other__.is_some() {
                                return Err(serde::de::Error::duplicate_field("other"));
                            }
                            other__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(ThroughputBucket {
                    minute: minute__,
                    completed: completed__.unwrap_or_default(),
                    failed: failed__.unwrap_or_default(),
                    other: other__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.ThroughputBucket", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateJobRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.job_id.is_empty() {
            len += 1;
        }
        if !self.dag_name.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if self.bundle_sha256.is_some() {
            len += 1;
        }
        if self.config.is_some() {
            len += 1;
        }
        if self.max_attempts.is_some() {
            len += 1;
        }
        if self.timeout_seconds.is_some() {
            len += 1;
        }
        if self.lease_ttl_seconds.is_some() {
            len += 1;
        }
        if self.max_concurrency.is_some() {
            len += 1;
        }
        if self.retry_base_seconds.is_some() {
            len += 1;
        }
        if self.retry_max_seconds.is_some() {
            len += 1;
        }
        if self.operator.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.UpdateJobRequest", len)?;
        if !self.job_id.is_empty() {
            struct_ser.serialize_field("job_id", &self.job_id)?;
        }
        if !self.dag_name.is_empty() {
            struct_ser.serialize_field("dag_name", &self.dag_name)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if let Some(v) = self.bundle_sha256.as_ref() {
            struct_ser.serialize_field("bundle_sha256", v)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if let Some(v) = self.max_attempts.as_ref() {
            struct_ser.serialize_field("max_attempts", v)?;
        }
        if let Some(v) = self.timeout_seconds.as_ref() {
            struct_ser.serialize_field("timeout_seconds", v)?;
        }
        if let Some(v) = self.lease_ttl_seconds.as_ref() {
            struct_ser.serialize_field("lease_ttl_seconds", v)?;
        }
        if let Some(v) = self.max_concurrency.as_ref() {
            struct_ser.serialize_field("max_concurrency", v)?;
        }
        if let Some(v) = self.retry_base_seconds.as_ref() {
            struct_ser.serialize_field("retry_base_seconds", v)?;
        }
        if let Some(v) = self.retry_max_seconds.as_ref() {
            struct_ser.serialize_field("retry_max_seconds", v)?;
        }
        if let Some(v) = self.operator.as_ref() {
            struct_ser.serialize_field("operator", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateJobRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job_id",
            "jobId",
            "dag_name",
            "dagName",
            "name",
            "bundle_sha256",
            "bundleSha256",
            "config",
            "max_attempts",
            "maxAttempts",
            "timeout_seconds",
            "timeoutSeconds",
            "lease_ttl_seconds",
            "leaseTtlSeconds",
            "max_concurrency",
            "maxConcurrency",
            "retry_base_seconds",
            "retryBaseSeconds",
            "retry_max_seconds",
            "retryMaxSeconds",
            "operator",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            JobId,
            DagName,
            Name,
            BundleSha256,
            Config,
            MaxAttempts,
            TimeoutSeconds,
            LeaseTtlSeconds,
            MaxConcurrency,
            RetryBaseSeconds,
            RetryMaxSeconds,
            Operator,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "jobId" | "job_id" => Ok(GeneratedField::JobId),
                            "dagName" | "dag_name" => Ok(GeneratedField::DagName),
                            "name" => Ok(GeneratedField::Name),
                            "bundleSha256" | "bundle_sha256" => Ok(GeneratedField::BundleSha256),
                            "config" => Ok(GeneratedField::Config),
                            "maxAttempts" | "max_attempts" => Ok(GeneratedField::MaxAttempts),
                            "timeoutSeconds" | "timeout_seconds" => Ok(GeneratedField::TimeoutSeconds),
                            "leaseTtlSeconds" | "lease_ttl_seconds" => Ok(GeneratedField::LeaseTtlSeconds),
                            "maxConcurrency" | "max_concurrency" => Ok(GeneratedField::MaxConcurrency),
                            "retryBaseSeconds" | "retry_base_seconds" => Ok(GeneratedField::RetryBaseSeconds),
                            "retryMaxSeconds" | "retry_max_seconds" => Ok(GeneratedField::RetryMaxSeconds),
                            "operator" => Ok(GeneratedField::Operator),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateJobRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.UpdateJobRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateJobRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job_id__ = None;
                let mut dag_name__ = None;
                let mut name__ = None;
                let mut bundle_sha256__ = None;
                let mut config__ = None;
                let mut max_attempts__ = None;
                let mut timeout_seconds__ = None;
                let mut lease_ttl_seconds__ = None;
                let mut max_concurrency__ = None;
                let mut retry_base_seconds__ = None;
                let mut retry_max_seconds__ = None;
                let mut operator__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::JobId => {
                            if job_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jobId"));
                            }
                            job_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DagName => {
                            if dag_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dagName"));
                            }
                            dag_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::BundleSha256 => {
                            if bundle_sha256__.is_some() {
                                return Err(serde::de::Error::duplicate_field("bundleSha256"));
                            }
                            bundle_sha256__ = map_.next_value()?;
                        }
                        GeneratedField::Config => {
                            if config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("config"));
                            }
                            config__ = map_.next_value()?;
                        }
                        GeneratedField::MaxAttempts => {
                            if max_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxAttempts"));
                            }
                            max_attempts__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::TimeoutSeconds => {
                            if timeout_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeoutSeconds"));
                            }
                            timeout_seconds__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::LeaseTtlSeconds => {
                            if lease_ttl_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseTtlSeconds"));
                            }
                            lease_ttl_seconds__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::MaxConcurrency => {
                            if max_concurrency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxConcurrency"));
                            }
                            max_concurrency__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::RetryBaseSeconds => {
                            if retry_base_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryBaseSeconds"));
                            }
                            retry_base_seconds__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::RetryMaxSeconds => {
                            if retry_max_seconds__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryMaxSeconds"));
                            }
                            retry_max_seconds__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(UpdateJobRequest {
                    job_id: job_id__.unwrap_or_default(),
                    dag_name: dag_name__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    bundle_sha256: bundle_sha256__,
                    config: config__,
                    max_attempts: max_attempts__,
                    timeout_seconds: timeout_seconds__,
                    lease_ttl_seconds: lease_ttl_seconds__,
                    max_concurrency: max_concurrency__,
                    retry_base_seconds: retry_base_seconds__,
                    retry_max_seconds: retry_max_seconds__,
                    operator: operator__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.UpdateJobRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateJobResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.job.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("trace.dispatcher.v1.UpdateJobResponse", len)?;
        if let Some(v) = self.job.as_ref() {
            struct_ser.serialize_field("job", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateJobResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "job",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Job,
            __SkipField__,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "job" => Ok(GeneratedField::Job),
                            _ => Ok(GeneratedField::__SkipField__),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateJobResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct trace.dispatcher.v1.UpdateJobResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateJobResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut job__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Job => {
                            if job__.is_some() {
                                return Err(serde::de::Error::duplicate_field("job"));
                            }
                            job__ = map_.next_value()?;
                        }
                        GeneratedField::__SkipField__ => {
                            let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(UpdateJobResponse {
                    job: job__,
                })
            }
        }
        deserializer.deserialize_struct("trace.dispatcher.v1.UpdateJobResponse", FIELDS, GeneratedVisitor)
    }
}
