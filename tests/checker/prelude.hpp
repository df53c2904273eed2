// The entities every checker test writes its declarations after: counties with members, an
// output so that a policy is complete. Diagnostics in the tests count lines from its end (line 10).
#pragma once

inline const char* prelude = R"(entity 县区 at counties key id {
  input 实绩得分: score at performance_score
  input 评分: list of score at scores
  entity 成员 at members key id {
    input 民主测评: score at democratic
    input 否决事项: list of text at vetoes
  }
}
output 成员 as member { score: 民主测评 }
)";
