fR"{x}\d"
